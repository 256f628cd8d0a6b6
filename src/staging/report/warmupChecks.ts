import { median, normalSf } from "../stats/index.js";
import type { WarmupCheck } from "./Aggregate.js";
import type { CellSummary } from "./CampaignInput.js";

/** A trend this unlikely under no trend, toward faster, marks a version as still warming up. */
const WARMING_P = 0.01;

/**
 * Whether each version's windows were still getting faster within its runs: the seasonal Kendall
 * test (Hirsch, Slack & Smith 1982), Mann-Kendall's S of p50 latency over the windows of each run,
 * summed over the runs (each run a season), against its variance under no trend. A JIT that has not
 * finished warming up shows as a falling latency from window to window in run after run.
 */
export function warmupChecks(cells: readonly CellSummary[], versions: readonly string[]): WarmupCheck[] {
  return versions.flatMap((version) => {
    const measured = cells
      .filter((c) => c.version_slug === version && c.valid)
      .map((c) => ({
        round: c.round,
        xs: (c.windows ?? []).map((w) => w.latencyUs.p50).filter((v): v is number => v !== null),
      }))
      .filter((r) => r.xs.length >= 3);
    const runs = measured.map((r) => r.xs);
    if (runs.length === 0) return [];
    let s = 0;
    let variance = 0;
    const slopes: number[] = [];
    for (const xs of runs) {
      const n = xs.length;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(xs[j]! - xs[i]!);
      variance += (n * (n - 1) * (2 * n + 5)) / 18;
      const m = median(xs);
      if (m > 0) for (let i = 1; i < n; i++) slopes.push((100 * (xs[i]! - xs[i - 1]!)) / m);
    }
    // Continuity-corrected normal approximation, two-sided.
    const z = s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
    const p = Math.min(1, 2 * normalSf(Math.abs(z)));
    const slope = slopes.length > 0 ? median(slopes) : 0;
    const warming = p < WARMING_P && s < 0;
    // The runs that show it on their own: every window faster than the one before.
    const falling = measured
      .filter((r) => r.xs.every((x, i) => i === 0 || x < r.xs[i - 1]!))
      .map((r) => r.round);
    return [{ version, s, p, slope_pct: slope, warming, rounds_falling: warming ? falling : [] }];
  });
}
