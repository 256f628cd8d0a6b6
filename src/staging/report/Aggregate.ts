/**
 * The verdict of one metric in one mode, from the paired comparison of its rounds:
 * - `improved` / `regressed`: the change is significant (Holm-adjusted within its family, at the
 *   look's level) and its confidence interval is not inside the noise band;
 * - `equivalent`: the confidence interval of the change lies inside ±noise band;
 * - `inconclusive`: neither yet (the report says how many more rounds would probably decide it);
 * - `too few rounds`: too few paired rounds for an interval at the look's level;
 * - `n/a`: the metric is not published in that mode.
 */
export type Verdict = "improved" | "regressed" | "equivalent" | "inconclusive" | "too few rounds" | "n/a";

/** Summary of one version's per-round values of one metric in one mode (valid runs only). */
export interface SideStats {
  /** Valid runs with a value of this metric: the sample every statistic below is computed from. */
  n_valid: number;
  /** Invalid runs of this version in this mode (excluded from every statistic). */
  n_invalid: number;
  median: number | null;
  /** Distribution-free 95% CI of the median; null with fewer than 6 values. */
  ci95: { lo: number; hi: number } | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Coefficient of variation; null with fewer than 2 values or a zero mean. */
  cv: number | null;
}

/** The change of a metric, candidate against baseline, with its confidence interval. */
export interface Change {
  /**
   * `ratio`: candidate / baseline (1.05 is 5% more), from the Hodges-Lehmann estimate of the
   * per-round log-ratios; `difference`: candidate − baseline, where a value can be 0.
   */
  scale: "ratio" | "difference";
  estimate: number;
  /** At `level` (the look's own level; 0.95 for a fixed campaign); null when too few rounds. */
  ci: { lo: number; hi: number; level: number } | null;
  /**
   * At 1 − 2α (0.90 for a fixed campaign): the interval of two one-sided tests at the look's α,
   * which decides `equivalent` when it lies inside the band; null when too few rounds.
   */
  equivalence_ci: { lo: number; hi: number; level: number } | null;
  /** The noise band on this scale: the ratio interval [1/(1+b), 1+b], or ±b as a difference. */
  band: { lo: number; hi: number };
}

/** One metric of one mode: baseline against candidate, round by round. */
export interface MetricRow {
  metric: string;
  direction: "lower" | "higher";
  noise_band: number;
  critical: boolean;
  baseline: SideStats;
  candidate: SideStats;
  /** Rounds where both versions were valid and measured the metric. */
  pairs: number;
  /** Rounds in which the candidate did better, and worse (ties count in neither). */
  better_in: number;
  worse_in: number;
  change: Change | null;
  /** The change in percent of the baseline: (ratio − 1) × 100, or the difference over the baseline median. */
  delta_pct: number | null;
  /** Exact two-sided Wilcoxon signed-rank p of the per-round changes. */
  p_value: number | null;
  /** Holm-adjusted within the row's family. */
  p_adjusted: number | null;
  /** The multiple-comparison family the row belongs to; null when its data cannot speak (all equal). */
  family: "critical" | "secondary" | null;
  verdict: Verdict;
  /** For an undecided row: about how many more rounds would decide it, from the spread seen so far. */
  more_rounds: number | null;
  /** Standard deviation of the per-round changes (log-ratios or differences). */
  spread: number | null;
  /** Why the metric has no value in this mode (the runs' `unavailable` reasons), else null. */
  unavailable: string | null;
}

/** Whether a version's windows were still getting faster (a JIT warming up), over all rounds of a mode. */
export interface WarmupCheck {
  version: string;
  /** Seasonal Kendall: Mann-Kendall S summed over rounds (windows in time order within each). */
  s: number;
  p: number;
  /** Median per-window change of p50 latency, in percent. */
  slope_pct: number;
  warming: boolean;
  /** Of a version still warming up: the rounds whose every window was faster than the one before. */
  rounds_falling: number[];
}

/**
 * One request name of the benchmark (a `requests` key) in one mode: p95, throughput and fail_rate
 * of its requests alone, compared round by round as the whole is. Never critical: its rows are
 * members of the secondary family.
 */
export interface EndpointTable {
  name: string;
  metrics: MetricRow[];
}

/** Every metric of one platform mode. */
export interface ModeTable {
  mode: string;
  metrics: MetricRow[];
  /** Per request name, sorted by name; empty when no run recorded figures per name. */
  endpoints: EndpointTable[];
  warmup: WarmupCheck[];
  /** Windows another process on the machine used half a CPU or more in (or steal reached 5%). */
  busy_windows: { busy: number; total: number };
  /** A duet's CPU placement in words; null for the alternate design. */
  pinning: string | null;
  /** Seconds of warm-up before the first window (until steady), over the runs; null when not recorded. */
  warmed_s: { median: number; max: number } | null;
}

/** A run left out of the statistics, with its stated reasons. */
export interface InvalidRun {
  version: string;
  mode: string;
  round: number;
  run_index: number;
  reasons: string[];
}

/** A decided verdict on a critical metric that gates `promote`. */
export interface CriticalFinding {
  mode: string;
  metric: string;
  delta_pct: number | null;
  p_adjusted: number | null;
}

/** @deprecated the old name of a critical finding. */
export type CriticalRegression = CriticalFinding;

/** The statistics of a campaign, from which every report is rendered. JSON-serialisable. */
export interface Aggregate {
  format: "staging-aggregate/2";
  campaign_id: string;
  baseline: string;
  candidate: string;
  seed: number;
  benchmark_hash: string;
  created_at: string;
  /** Rounds analysed, and the range the campaign could run. */
  rounds: number;
  rounds_planned: { min: number; max: number };
  /** The planned looks, and the level this one spent (alpha spending, Pocock type). */
  looks: number[];
  alpha: number;
  alpha_look: number;
  /** The measurement design: one version loaded at a time, or both at once. */
  design: { mode: "alternate" | "duet"; windows: number; window_s: number };
  /**
   * Each family of comparisons, as `mode metric` (an endpoint's row as `mode endpoint metric`),
   * Holm-adjusted within itself. Endpoint rows are always in the secondary family.
   */
  families: { critical: string[]; secondary: string[] };
  /** True when every critical metric is decided (improved, regressed or equivalent). */
  decided: boolean;
  modes: ModeTable[];
  invalid_runs: InvalidRun[];
  regressions_in_critical: CriticalFinding[];
  /** Critical metrics still inconclusive (or with too few rounds): promotion needs --force. */
  inconclusive_critical: CriticalFinding[];
}
