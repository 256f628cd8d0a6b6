/**
 * The verdict of one comparison:
 * - `improved` / `regressed`: Holm-adjusted p < 0.05 and the relative change of medians is outside the noise band;
 * - `~`: no difference shown;
 * - `too few runs`: the valid runs cannot give an adjusted p below 0.05 whatever their values;
 * - `n/a`: the metric is not published in that mode.
 */
export type Verdict = "improved" | "regressed" | "~" | "too few runs" | "n/a";

/** Summary of one version's valid values of one metric in one mode. */
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

/** One metric of one mode: baseline against candidate. */
export interface MetricRow {
  metric: string;
  direction: "lower" | "higher";
  noise_band: number;
  critical: boolean;
  baseline: SideStats;
  candidate: SideStats;
  /** Candidate median − baseline median. */
  delta_median: number | null;
  /** 100 × delta_median / |baseline median|; null when the baseline median is 0 or missing. */
  delta_pct: number | null;
  /** Hodges–Lehmann shift, candidate − baseline. */
  hl_shift: number | null;
  /** Exact two-sided Mann–Whitney U p-value. */
  p_value: number | null;
  /** Holm-adjusted across every comparison of the report that has a p-value. */
  p_adjusted: number | null;
  verdict: Verdict;
  /** Why the metric has no value in this mode (the runs' `unavailable` reasons), else null. */
  unavailable: string | null;
}

/** Every metric of one platform mode. */
export interface ModeTable {
  mode: string;
  metrics: MetricRow[];
}

/** A run left out of the statistics, with its stated reasons. */
export interface InvalidRun {
  version: string;
  mode: string;
  round: number;
  run_index: number;
  reasons: string[];
}

/** A `regressed` verdict on a critical metric: what makes `promote` refuse without `--force`. */
export interface CriticalRegression {
  mode: string;
  metric: string;
  delta_pct: number | null;
  p_adjusted: number;
}

/** The statistics of a campaign, from which every report is rendered. JSON-serialisable. */
export interface Aggregate {
  format: "staging-aggregate/1";
  campaign_id: string;
  baseline: string;
  candidate: string;
  runs: number;
  seed: number;
  benchmark_hash: string;
  created_at: string;
  /** Significance level of the verdicts. */
  alpha: number;
  /** How many comparisons the Holm adjustment spans. */
  comparisons: number;
  /** Fewest valid runs per version and mode with which any row of this table could reach a verdict. */
  runs_needed: number;
  modes: ModeTable[];
  invalid_runs: InvalidRun[];
  regressions_in_critical: CriticalRegression[];
}
