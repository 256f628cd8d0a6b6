import { alphaSpending, holm, median } from "../stats/index.js";
import type { Aggregate, CriticalFinding, MetricRow, ModeTable } from "./Aggregate.js";
import type { CampaignIdentity, CellSummary, ReportMetricSpec } from "./CampaignInput.js";
import { comparePaired, type PairedComparison } from "./comparePaired.js";
import { ENDPOINT_METRICS, endpointCells, endpointNames } from "./endpointCells.js";
import { busyWindows } from "./busyWindows.js";
import { invalidRuns } from "./invalidRuns.js";
import { metricOrder } from "./metricOrder.js";
import { orderCells } from "./orderCells.js";
import { ALPHA, decideVerdict, moreRounds } from "./verdict.js";
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
 * the others (endpoint rows among them, never critical), at this look's level (alpha spending,
 * Pocock type, over the planned looks); a verdict per row; whether every critical metric is decided.
 * Pure and deterministic: the same cells in any order give the same result.
 */
export function aggregateCampaign(
  identity: CampaignIdentity,
  specs: Readonly<Record<string, ReportMetricSpec>>,
  cells: readonly CellSummary[],
  at: AnalysisPoint,
): Aggregate {
  const ordered = orderCells(identity, cells);
  const alphaLook = lookAlpha(at);
  const compared = identity.modes.map((mode) =>
    compareMode(
      identity,
      specs,
      ordered.filter((c) => c.platform_mode === mode),
      mode,
      1 - alphaLook,
    ),
  );
  const all = compared.flatMap((m) => [...m.metrics, ...m.endpoints.flatMap((e) => e.metrics)]);
  const families = { critical: adjust(all, "critical"), secondary: adjust(all, "secondary") };
  const finish = (c: Comparison) => finishRow(c, alphaLook, familySize(families, c));
  const modes: ModeTable[] = identity.modes.map((mode, m) => {
    const inMode = ordered.filter((c) => c.platform_mode === mode);
    const mine = compared[m]!;
    return {
      mode,
      metrics: mine.metrics.map(finish),
      endpoints: mine.endpoints.map((e) => ({ name: e.name, metrics: e.metrics.map(finish) })),
      warmup: warmupChecks(inMode, [identity.baseline, identity.candidate]),
      busy_windows: busyWindows(inMode),
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
 * One mode's paired comparisons at `level`: each metric of the benchmark, then for each request
 * name the endpoint metrics the benchmark specifies, never critical.
 */
function compareMode(
  identity: CampaignIdentity,
  specs: Readonly<Record<string, ReportMetricSpec>>,
  inMode: readonly CellSummary[],
  mode: string,
  level: number,
): ModeComparisons {
  const compare = (
    metric: string,
    spec: ReportMetricSpec,
    sides: readonly CellSummary[],
    endpoint?: string,
  ) => {
    const side = (slug: string) => sides.filter((c) => c.version_slug === slug);
    const paired = comparePaired(metric, spec, side(identity.baseline), side(identity.candidate), level);
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
 * This look's level: the increment of a Pocock-type spending function over the planned looks (a
 * fixed campaign has one look, at the full ALPHA). Analyses between looks (a report of a running
 * campaign) take the level of the next look.
 */
export function lookAlpha(at: Pick<AnalysisPoint, "rounds" | "looks">): number {
  const looks = at.looks.length > 0 ? at.looks : [at.rounds];
  const spent = alphaSpending({ looks, alpha: ALPHA, spending: "pocock" });
  const index = looks.findIndex((n) => n >= at.rounds);
  return spent[index < 0 ? looks.length - 1 : index] ?? ALPHA;
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

function finishRow(c: Comparison, alpha: number, size: number): MetricRow {
  const input = { row: c, published: c.published, alpha, familySize: size };
  const verdict = decideVerdict(input);
  const { published: _published, mode: _mode, endpoint: _endpoint, ...row } = c;
  return { ...row, family: c.published ? c.family : null, verdict, more_rounds: moreRounds(input, verdict) };
}

function warmedOf(cells: readonly CellSummary[]): ModeTable["warmed_s"] {
  const seconds = cells.flatMap((c) => (c.warmed_s === undefined ? [] : [c.warmed_s]));
  return seconds.length === 0 ? null : { median: median(seconds), max: Math.max(...seconds) };
}
