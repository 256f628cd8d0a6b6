/** Who and what a campaign compared: the header of its report. */
export interface CampaignIdentity {
  campaignId: string;
  /** Slug of the baseline version. */
  baseline: string;
  /** Slug of the candidate version. */
  candidate: string;
  /** Platform modes, in the order the report shows them. */
  modes: string[];
  /** Rounds of the campaign (each round runs every version in every mode once). */
  runs: number;
  seed: number;
  /** sha256 (hex) of the pinned benchmark copy. */
  benchmarkHash: string;
  /** ISO timestamp of the campaign's creation: the only timestamp a report shows. */
  createdAt: string;
}

/** How the report compares one metric (benchmark.yaml `metrics`). */
export interface ReportMetricSpec {
  direction: "lower" | "higher";
  /** Relative change (0.05 = 5%) at or below which a difference is noise. */
  noise_band: number;
  /** A regression here blocks `promote` unless forced. @default false */
  critical?: boolean;
}

/** One run of one version in one mode (`cell-summary.json`). */
export interface CellSummary {
  version_slug: string;
  platform_mode: string;
  /** 1-based round of the campaign. */
  round: number;
  run_index: number;
  valid: boolean;
  invalid_reasons: string[];
  /** Metric name -> value (latency in ms, fail_rate a ratio, throughput req/s, memory bytes, gc_pause s). */
  metrics: Record<string, number | null>;
  /** Metric name -> why it is null in this run, e.g. "not published in mode bun". */
  unavailable?: Record<string, string>;
  /** The run's measured windows, in the order they ran. */
  windows?: readonly CellWindow[];
  /** Seconds of warm-up load before the first window. */
  warmed_s?: number;
  /** Every request's latency over the windows, for the report's distributions. */
  histogram?: EncodedHistogram;
  /** Per request name (the benchmark's `requests` keys). */
  endpoints?: Record<string, CellEndpoint>;
}

/** An HdrHistogram of latencies in microseconds, hdr-histogram-js compressed and base64-encoded. */
export interface EncodedHistogram {
  format: string;
  unit: string;
  encoded: string;
}

/** One request name in one run: the metrics it has (p50/p95/p99 ms, fail_rate, throughput) and its latencies. */
export interface CellEndpoint {
  metrics: Record<string, number | null>;
  histogram?: EncodedHistogram;
}

/** What the analysis reads of one measured window. */
export interface CellWindow {
  index: number;
  latencyUs: { p50: number | null; p95?: number | null; p99?: number | null };
  throughput?: number | null;
  cpuPerRequest?: number | null;
  /** CPU the rest of the machine used during the window, in CPUs. */
  othersCpus: number | null;
  machine: { stealFraction: number | null } | null;
  /** Per request name, the window's own figures. */
  endpoints?: Record<string, WindowEndpointFigures>;
}

/** What the analysis reads of one request name in one window. */
export interface WindowEndpointFigures {
  latencyUs: { p50: number | null; p95?: number | null; p99?: number | null };
  throughput?: number | null;
}
