import { groupSequentialLevels, holm, median } from "../stats/index.js";
import type { Aggregate, CriticalFinding, MetricRow, ModeTable } from "./Aggregate.js";
import type { CampaignIdentity, CellSummary, ReportMetricSpec } from "./CampaignInput.js";
import { comparePaired, type PairedComparison } from "./comparePaired.js";
import { ENDPOINT_METRICS, endpointCells, endpointNames } from "./endpointCells.js";
import { busyWindows } from "./busyWindows.js";
import { invalidRuns } from "./invalidRuns.js";
import { metricOrder } from "./metricOrder.js";
import { orderCells } from "./orderCells.js";
import { ALPHA, decideVerdict, moreRounds, type VerdictInput } from "./verdict.js";
import { warmupChecks } from "./warmupChecks.js";

/** Where this analysis stands in the campaign: its rounds, the planned looks, the design. */
export interface AnalysisPoint {
  rounds: number;
  roundsPlanned: { min: number; max: number };
  looks: readonly number[];
  design: Aggregate["design"];
  /** A duet's CPU placement in words, per mode. */
  pinning?: Readonly<Record<string, string>>;
}

type Comparison = PairedComparison & {
  published: boolean;
  mode: string;
  /** The request name of an endpoint row. */
  endpoint?: string;
  p_adjusted: number | null;
};

/** One mode's comparisons before Holm: its metrics, and each request name's. */
interface ModeComparisons {
  metrics: Comparison[];
  endpoints: Array<{ name: string; metrics: Comparison[] }>;
}

/**
 * The statistics of a campaign after `rounds` rounds: per mode (campaign order) and metric (COMPAT
 * order, then the others), candidate against baseline round by round over valid runs, and the same
 * per request name for p95, throughput and fail_rate; Holm within the critical metrics and within
 * the others (endpoint rows among them, never critical), at this look's level (an exact
 * group-sequential boundary, Pocock-type spending over the planned looks); a verdict per row; whether every critical metric is decided.
 * Pure and deterministic: the same cells in any order give the same result.
 */
export function aggregateCampaign(
  identity: CampaignIdentity,
  specs: Readonly<Record<string, ReportMetricSpec>>,
  cells: readonly CellSummary[],
  at: AnalysisPoint,
): Aggregate {
  const ordered = orderCells(identity, cells);
  const { look: alphaLook, last: alphaFinal } = designLevels(at);
  const compared = identity.modes.map((mode) =>
    compareMode(
      identity,
      specs,
      ordered.filter((c) => c.platform_mode === mode),
      mode,
      alphaLook,
    ),
  );
  const all = compared.flatMap((m) => [...m.metrics, ...m.endpoints.flatMap((e) => e.metrics)]);
  const families = { critical: adjust(all, "critical"), secondary: adjust(all, "secondary") };
  const finish = (c: Comparison) =>
    finishRow({
      row: c,
      published: c.published,
      alpha: alphaLook,
      alphaFinal,
      familySize: familySize(families, c),
    });
  const modes: ModeTable[] = identity.modes.map((mode, m) => {
    const inMode = ordered.filter((c) => c.platform_mode === mode);
    const mine = compared[m]!;
    return {
      mode,
      metrics: mine.metrics.map(finish),
      endpoints: mine.endpoints.map((e) => ({ name: e.name, metrics: e.metrics.map(finish) })),
      warmup: warmupChecks(inMode, [identity.baseline, identity.candidate]),
      busy_windows: busyWindows(inMode, at.design.mode),
      pinning: at.pinning?.[mode] ?? null,
      warmed_s: warmedOf(inMode),
    };
  });
  const critical = modes.flatMap((t) =>
    t.metrics.filter((r) => r.critical).map((r) => ({ mode: t.mode, row: r })),
  );
  const finding = ({ mode, row }: { mode: string; row: MetricRow }): CriticalFinding => ({
    mode,
    metric: row.metric,
    delta_pct: row.delta_pct,
    p_adjusted: row.p_adjusted,
  });
  return {
    format: "staging-aggregate/2",
    campaign_id: identity.campaignId,
    baseline: identity.baseline,
    candidate: identity.candidate,
    seed: identity.seed,
    benchmark_hash: identity.benchmarkHash,
    created_at: identity.createdAt,
    rounds: at.rounds,
    rounds_planned: at.roundsPlanned,
    looks: [...at.looks],
    alpha: ALPHA,
    alpha_look: alphaLook,
    design: at.design,
    families: { critical: families.critical, secondary: families.secondary },
    decided: critical.every(({ row }) =>
      ["improved", "regressed", "equivalent", "n/a"].includes(row.verdict),
    ),
    modes,
    invalid_runs: invalidRuns(ordered),
    regressions_in_critical: critical.filter(({ row }) => row.verdict === "regressed").map(finding),
    inconclusive_critical: critical
      .filter(({ row }) => row.verdict === "inconclusive" || row.verdict === "too few rounds")
      .map(finding),
  };
}

/**
 * One mode's paired comparisons at the look's level `alpha`: each metric of the benchmark, then for each request
 * name the endpoint metrics the benchmark specifies, never critical.
 */
function compareMode(
  identity: CampaignIdentity,
  specs: Readonly<Record<string, ReportMetricSpec>>,
  inMode: readonly CellSummary[],
  mode: string,
  alpha: number,
): ModeComparisons {
  const compare = (
    metric: string,
    spec: ReportMetricSpec,
    sides: readonly CellSummary[],
    endpoint?: string,
  ) => {
    const side = (slug: string) => sides.filter((c) => c.version_slug === slug);
    const paired = comparePaired(metric, spec, side(identity.baseline), side(identity.candidate), alpha);
    return { ...paired, mode, ...(endpoint === undefined ? {} : { endpoint }), p_adjusted: null };
  };
  const perEndpoint = ENDPOINT_METRICS.filter((metric) => specs[metric] !== undefined);
  return {
    metrics: metricOrder(specs).map((metric) => compare(metric, specs[metric]!, inMode)),
    endpoints: endpointNames(inMode).map((name) => {
      const sides = endpointCells(inMode, name);
      const rows = perEndpoint.map((metric) =>
        compare(metric, { ...specs[metric]!, critical: false }, sides, name),
      );
      return { name, metrics: rows };
    }),
  };
}

/**
 * This look's nominal level: the boundary of an exact group-sequential design whose cumulative
 * type I error follows a Pocock-type spending function over the planned looks (a fixed campaign
 * has one look, at the full ALPHA). Analyses between looks (a report of a running campaign) take
 * the level of the next look; past the last look, the last look's.
 */
export function lookAlpha(at: Pick<AnalysisPoint, "rounds" | "looks">): number {
  return designLevels(at).look;
}

/** The level of this look (as `lookAlpha`) and of the design's last look. */
function designLevels(at: Pick<AnalysisPoint, "rounds" | "looks">): { look: number; last: number } {
  const looks = at.looks.length > 0 ? at.looks : [at.rounds];
  const levels = levelsOf(looks);
  const index = looks.findIndex((n) => n >= at.rounds);
  return {
    look: levels[index < 0 ? looks.length - 1 : index] ?? ALPHA,
    last: levels[looks.length - 1] ?? ALPHA,
  };
}

/** The levels of recent designs: a report or a growing campaign asks for the same looks again and again. */
const levelCache = new Map<string, number[]>();

function levelsOf(looks: readonly number[]): number[] {
  const key = looks.join(",");
  let levels = levelCache.get(key);
  if (!levels) {
    levels = groupSequentialLevels({ looks: [...looks], alpha: ALPHA, spending: "pocock" });
    if (levelCache.size > 32) levelCache.clear();
    levelCache.set(key, levels);
  }
  return levels;
}

/** Holm-adjusts one family's p-values in place; returns the family as `mode metric`. */
function adjust(all: Comparison[], family: "critical" | "secondary"): string[] {
  const members = all.filter((c) => c.family === family && c.p_value !== null && c.published);
  const adjusted = holm(members.map((c) => c.p_value!));
  members.forEach((c, i) => (c.p_adjusted = adjusted[i] ?? null));
  return members.map((c) => [c.mode, c.endpoint, c.metric].filter((x) => x !== undefined).join(" "));
}

function familySize(families: { critical: string[]; secondary: string[] }, c: Comparison): number {
  return c.family === null ? 1 : families[c.family].length;
}

function finishRow(input: VerdictInput & { row: Comparison }): MetricRow {
  const c = input.row;
  const verdict = decideVerdict(input);
  const { published: _published, mode: _mode, endpoint: _endpoint, ...row } = c;
  return { ...row, family: c.published ? c.family : null, verdict, more_rounds: moreRounds(input, verdict) };
}

function warmedOf(cells: readonly CellSummary[]): ModeTable["warmed_s"] {
  const seconds = cells.flatMap((c) => (c.warmed_s === undefined ? [] : [c.warmed_s]));
  return seconds.length === 0 ? null : { median: median(seconds), max: Math.max(...seconds) };
}
