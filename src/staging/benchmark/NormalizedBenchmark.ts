/** Whether a lower or a higher value of a metric is better. */
export type MetricDirection = "lower" | "higher";

/** How the report compares one metric. */
export interface MetricSpec {
  direction: MetricDirection;
  /** Relative change below which a difference is noise. @default 0.05 */
  noise_band: number;
  /** A regression here blocks `promote` unless forced. @default false */
  critical: boolean;
}

/** How a metric is read from Prometheus samples: summed matching series, then aggregated over the window. */
export interface SeriesSpec {
  /** A metric name with an optional label filter, e.g. `jvm_memory_used_bytes{area="heap"}`. */
  series: string;
  aggregate: "max" | "last" | "mean" | "increase";
}

/** One function of the service under load. */
export interface RequestSpec {
  /** @default "POST" */
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";
  path: string;
  /** @default 1 */
  weight: number;
  /** Path under benchmark/ of a JSON-lines file: `{"body": ..., "response_sha256": ...}` per line. */
  corpus?: string;
  /** @default "application/json" */
  content_type: string;
}

/** The k6 part of `load`, only with `driver: k6`. */
export interface K6Spec {
  /** Path under benchmark/. Absent only where the prototype's top-level `k6` block named none: the k6 driver then refuses to run. */
  script?: string;
  stages?: { duration: string; target: number }[];
}

/** The load shape of every measured run. */
export interface LoadSpec {
  /** @default "autocannon" */
  driver: "autocannon" | "k6";
  /**
   * How a round measures its two versions: `alternate` loads one at a time (A B B A ...), `duet`
   * loads both at once, each on its own CPU where the target allows, swapped between windows.
   * @default "alternate"
   */
  mode: "alternate" | "duet";
  /** Measured windows per version in each round, both deployments up in between. @default 1 */
  windows: number;
  /** @default 3 */
  warmup_s: number;
  /** Length of each measured window. @default 10 */
  duration_s: number;
  /** @default 8 */
  connections: number;
  /** Fixed arrival rate in requests per second (open loop); absent means closed loop. */
  rate?: number;
  /** @default 10 */
  timeout_s: number;
  k6?: K6Spec;
}

/** Prometheus scraping during the measured window. */
export interface ScrapeSpec {
  /** @default "/metrics" */
  path: string;
  /** @default 500 */
  interval_ms: number;
  /** Per mode, metric name -> series. @default the JVM names for `jvm`, nothing for other modes */
  modes: Record<string, Record<string, SeriesSpec>>;
}

/** What makes a run invalid. */
export interface ThresholdsSpec {
  /** @default 0.01 */
  max_fail_rate: number;
  /** @default 0.2 */
  max_scrape_failure_ratio: number;
  /** @default 50 */
  response_sample: number;
}

/** benchmark.yaml after validation, with every default applied (docs/benchmark.md). */
export interface NormalizedBenchmark {
  /** @default "all" */
  function_profile: "all" | "subset";
  /** Only with `subset`: the `requests` entries to run. */
  functions?: string[];
  platform_modes: string[];
  /** Rounds: fixed, or a range a campaign moves in until it is decided. @default 10 */
  runs: number | { min: number; max: number };
  load: LoadSpec;
  /** Empty only when a k6 script drives the load (it makes its own requests). @default {} */
  requests: Record<string, RequestSpec>;
  /** Always holds p95, p99, fail_rate, throughput, heap_peak, gc_pause and cpu_per_request, plus any other named. */
  metrics: Record<string, MetricSpec>;
  scrape: ScrapeSpec;
  thresholds: ThresholdsSpec;
  /** Free-form, passed through untouched. @default {} */
  extra: Record<string, unknown>;
}
