import type { LatencyHistogram } from "../../drivers/load/index.js";
import type { WindowMeasure } from "./WindowMeasure.js";

/** One request name of the benchmark (a `requests` key) in one run: the whole's figures, for its requests only. */
export interface EndpointSummary {
  /** p50/p95/p99 in ms, fail_rate a ratio, throughput req/s; a figure without a value is absent. */
  metrics: Record<string, number>;
  counts: { completed: number | null; failed: number | null };
  /** Its requests' latencies, the windows' histograms added; absent when the driver has none (k6). */
  histogram?: LatencyHistogram;
}

/** `runs/run-NNN/<slug>__<mode>/cell-summary.json`: one measured run, in the prototype's shape plus validity. */
export interface CellSummary {
  version_slug: string;
  platform_mode: string;
  /** 1-based round of the campaign (0 for a one-off `measure`). */
  round: number;
  /** 1-based position in the campaign's schedule (0 for a one-off `measure`). */
  run_index: number;
  /**
   * p50/p95/p99 in ms, fail_rate a ratio, throughput req/s, heap_peak/rss_peak bytes, gc_pause seconds.
   * A metric without a value is absent, never null (the prototype's aggregator fails on null).
   */
  metrics: Record<string, number>;
  /** Metric -> why it has no value (e.g. `not published in mode bun`). */
  unavailable: Record<string, string>;
  valid: boolean;
  invalid_reasons: string[];
  /** Counts behind the numbers, for the reader who doubts them. */
  counts: {
    completed: number | null;
    failed: number | null;
    not_sent: number | null;
    responses_checked: number;
    response_mismatches: number;
    scrape_samples: number;
    scrape_failures: number;
  };
  /** Measured time, summed over the windows. */
  window_s: number | null;
  /** Each measured window of a campaign round, in the order they ran. */
  windows?: WindowMeasure[];
  /** Seconds of load before the first measured window: warm-up until the service was steady. */
  warmed_s?: number;
  /** Every request's latency over the windows (histogram.json), for the report's distributions. */
  histogram?: LatencyHistogram;
  /** Per request name (sorted, as the load runs them); absent when the load driver could not tell them apart. */
  endpoints?: Record<string, EndpointSummary>;
}
