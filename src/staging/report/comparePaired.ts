import { median, pairedHodgesLehmann, stddev, wilcoxonSignedRank } from "../stats/index.js";
import type { Change, MetricRow } from "./Aggregate.js";
import type { CellSummary, CellWindow, ReportMetricSpec } from "./CampaignInput.js";
import { metricUnit } from "./metricUnits.js";
import { sideStats } from "./sideStats.js";
import { isUnpublished, unavailableReasons } from "./unavailableReasons.js";

/** One metric of one mode before the family-wide Holm adjustment and the verdict. */
export type PairedComparison = Omit<MetricRow, "verdict" | "p_adjusted" | "more_rounds">;

/** The paired rounds of a metric: both versions valid in the round, both with a value. */
export interface RoundPair {
  round: number;
  baseline: number;
  candidate: number;
  /**
   * Where both versions were measured in the same windows (a duet): the median over the windows
   * of the window's log-ratio. One slow window then weighs like any other, not like the tail of
   * the round's merged histogram.
   */
  windowed?: number;
}

/** The figure of a window that stands for each metric measured per window. */
const PER_WINDOW: Readonly<Record<string, (w: CellWindow) => number | null | undefined>> = {
  p50: (w) => w.latencyUs.p50,
  p95: (w) => w.latencyUs.p95,
  p99: (w) => w.latencyUs.p99,
  throughput: (w) => w.throughput,
  cpu_per_request: (w) => w.cpuPerRequest,
};

/**
 * Compares one metric of one mode round by round. Each round gives one paired change: the
 * log-ratio candidate/baseline, or the difference for a metric that is itself a ratio (fail_rate:
 * percentage points) or where a value is 0 or below. Where every round was measured in shared
 * windows (a duet), each round's log-ratio is the median of its windows' log-ratios; otherwise
 * every round's is that of its merged figures: one estimator for all the rounds of a metric. The
 * estimate is the Hodges-Lehmann median of the changes with its exact signed-rank interval at
 * 1 − `alpha` (and at 1 − 2·`alpha` for equivalence: two one-sided tests at `alpha`), the p-value
 * the exact two-sided Wilcoxon signed-rank test: rounds, not windows, are the unit, so the spread
 * between fresh deployments is in the interval.
 */
export function comparePaired(
  metric: string,
  spec: ReportMetricSpec,
  baselineCells: readonly CellSummary[],
  candidateCells: readonly CellSummary[],
  alpha: number,
): PairedComparison & { published: boolean } {
  const all = [...baselineCells, ...candidateCells];
  const pairs = roundPairs(baselineCells, candidateCells, metric);
  const baseline = sideStats(values(baselineCells, metric), invalid(baselineCells));
  const candidate = sideStats(values(candidateCells, metric), invalid(candidateCells));
  const reasons = unavailableReasons(all, metric);
  const positive = pairs.every((p) => p.baseline > 0 && p.candidate > 0);
  const scale = metricUnit(metric) !== "ratio" && positive ? "ratio" : "difference";
  const windowed = pairs.length > 0 && pairs.every((p) => p.windowed !== undefined);
  const changes = pairs.map((p) =>
    scale === "difference"
      ? p.candidate - p.baseline
      : windowed
        ? p.windowed!
        : Math.log(p.candidate / p.baseline),
  );
  const speaks = changes.some((d) => d !== 0);
  // A change toward the metric's better direction: down for lower-is-better, up otherwise.
  const sign = spec.direction === "lower" ? -1 : 1;
  const better = changes.filter((d) => sign * d > 0).length;
  const worse = changes.filter((d) => sign * d < 0).length;
  const test = speaks ? wilcoxonSignedRank(changes, { method: "auto" }) : null;
  const change = changeOf(metric, spec, scale, changes, alpha, baseline.median);
  return {
    metric,
    direction: spec.direction,
    noise_band: spec.noise_band,
    critical: spec.critical ?? false,
    baseline,
    candidate,
    pairs: pairs.length,
    better_in: better,
    worse_in: worse,
    change,
    delta_pct: deltaPct(change, baseline.median),
    p_value: test?.p ?? null,
    family: !speaks ? null : spec.critical ? "critical" : "secondary",
    spread: changes.length >= 2 ? stddev(changes) : null,
    unavailable: reasons.length > 0 ? reasons.join("; ") : null,
    published: !isUnpublished(all, metric),
  };
}

/** The rounds in which both versions have a valid value of the metric, in round order. */
export function roundPairs(
  baselineCells: readonly CellSummary[],
  candidateCells: readonly CellSummary[],
  metric: string,
): RoundPair[] {
  const candidateByRound = new Map(candidateCells.map((c) => [c.round, c]));
  const pairs: RoundPair[] = [];
  for (const b of baselineCells) {
    const c = candidateByRound.get(b.round);
    const bv = b.metrics[metric] ?? null;
    const cv = c?.metrics[metric] ?? null;
    if (!c || !b.valid || !c.valid || bv === null || cv === null) continue;
    const windowed = windowedLogRatio(b, c, metric);
    pairs.push({
      round: b.round,
      baseline: bv,
      candidate: cv,
      ...(windowed === undefined ? {} : { windowed }),
    });
  }
  return pairs.sort((x, y) => x.round - y.round);
}

/** The median log-ratio over the windows both versions shared, or undefined where they shared none. */
function windowedLogRatio(b: CellSummary, c: CellSummary, metric: string): number | undefined {
  const figure = PER_WINDOW[metric];
  if (!figure || !b.windows || !c.windows) return undefined;
  const ofC = new Map(c.windows.map((w) => [w.index, figure(w)]));
  const ratios: number[] = [];
  for (const w of b.windows) {
    const x = figure(w);
    const y = ofC.get(w.index);
    if (typeof x !== "number" || typeof y !== "number" || x <= 0 || y <= 0) return undefined;
    ratios.push(Math.log(y / x));
  }
  return ratios.length > 0 && ratios.length === c.windows.length ? median(ratios) : undefined;
}

function changeOf(
  metric: string,
  spec: ReportMetricSpec,
  scale: Change["scale"],
  changes: readonly number[],
  alpha: number,
  baselineMedian: number | null,
): Change | null {
  if (changes.length === 0) return null;
  const shown = interval(changes, 1 - alpha);
  const equivalence = interval(changes, 1 - 2 * alpha);
  // The Hodges-Lehmann estimate whenever there is any interval: it does not depend on the level.
  const estimate = shown?.estimate ?? equivalence?.estimate ?? median(changes);
  // -0 would not survive JSON: a report must read back as the analysis it was written from.
  const toScale = (x: number) => (scale === "ratio" ? Math.exp(x) : x === 0 ? 0 : x);
  const onScale = (hl: typeof shown, level: number) =>
    hl ? { lo: toScale(hl.lo), hi: toScale(hl.hi), level } : null;
  return {
    scale,
    estimate: toScale(estimate),
    ci: onScale(shown, 1 - alpha),
    equivalence_ci: onScale(equivalence, 1 - 2 * alpha),
    band: bandOf(metric, spec, scale, baselineMedian),
  };
}

/**
 * The Hodges-Lehmann estimate and exact interval at `level`; null with fewer rounds than any
 * interval at that level needs. Equal in every round is an interval of exactly no change.
 */
function interval(
  changes: readonly number[],
  level: number,
): { estimate: number; lo: number; hi: number } | null {
  if (changes.every((d) => d === 0)) {
    const enough = pairedHodgesLehmann(
      changes.map((_, i) => i + 1),
      level,
    );
    return enough ? { estimate: 0, lo: 0, hi: 0 } : null;
  }
  return pairedHodgesLehmann(changes, level);
}

/**
 * The noise band on the change's scale: a ratio within [1/(1+b), 1+b]; a difference within ±b
 * times the baseline median, or ±b itself for a ratio metric (fail_rate: percentage points) or a
 * baseline median of 0.
 */
function bandOf(
  metric: string,
  spec: ReportMetricSpec,
  scale: Change["scale"],
  baselineMedian: number | null,
): Change["band"] {
  const b = spec.noise_band;
  if (scale === "ratio") return { lo: 1 / (1 + b), hi: 1 + b };
  const absolute = metricUnit(metric) === "ratio" || !baselineMedian ? b : b * Math.abs(baselineMedian);
  // `0 - x`, not `-x`: a zero band must not become -0, which JSON cannot keep.
  return { lo: 0 - absolute, hi: absolute };
}

function deltaPct(change: Change | null, baselineMedian: number | null): number | null {
  if (!change) return null;
  if (change.scale === "ratio") return 100 * (change.estimate - 1);
  return baselineMedian ? (100 * change.estimate) / Math.abs(baselineMedian) : null;
}

function values(cells: readonly CellSummary[], metric: string): number[] {
  const out: number[] = [];
  for (const cell of cells) {
    const value = cell.metrics[metric];
    if (cell.valid && value !== undefined && value !== null) out.push(value);
  }
  return out;
}

function invalid(cells: readonly CellSummary[]): number {
  return cells.filter((c) => !c.valid).length;
}
