import { StagingError } from "../../errors/StagingError.js";
import type { Aggregate } from "./aggregate.js";
import { AGGREGATES } from "./aggregate.js";
import type { SeriesSelector } from "./parseSeriesSelector.js";
import { parseSeriesSelector } from "./parseSeriesSelector.js";
import type { FetchLike } from "./scrapeOnce.js";
import { scrapeUrl } from "./scrapeUrl.js";

/** One metric: which series to sum per sample, and how to fold the samples (benchmark `scrape.modes`). */
export interface MetricSelector {
  series: string;
  aggregate: Aggregate;
}

export interface SamplerOptions {
  /** The deployment's base URL; loopback only (127.0.0.0/8, localhost, [::1]). */
  url: string;
  /** Appended to the base URL's path. @default "/metrics" */
  path?: string;
  /** @default 500 */
  intervalMs?: number;
  /**
   * Timeout of one scrape, body included. Above the interval, a slow answer makes the next ticks
   * skipped rather than failed. @default intervalMs
   */
  timeoutMs?: number;
  /** metric name -> selector and aggregate. */
  selectors: Record<string, MetricSelector>;
  /** The platform mode being measured; named in the reason of a metric it does not publish. */
  mode: string;
  /** Local file that receives one `SampleLine` as JSON per scrape (truncated at start). */
  samplesFile?: string;
  /** @default globalThis.fetch */
  fetch?: FetchLike;
}

/** The options, checked and parsed. */
export interface ResolvedSamplerOptions {
  url: URL;
  intervalMs: number;
  timeoutMs: number;
  /** [metric, parsed selector] in the order given. */
  selectors: (readonly [string, SeriesSelector])[];
  aggregates: Record<string, Aggregate>;
}

/** Checks the options: E_SCRAPE_TARGET, E_SCRAPE_SELECTOR, E_SCRAPE_OPTIONS. */
export function resolveSamplerOptions(options: SamplerOptions): ResolvedSamplerOptions {
  const url = scrapeUrl(options.url, options.path ?? "/metrics");
  const intervalMs = checkMs("intervalMs", options.intervalMs ?? 500);
  const timeoutMs = checkMs("timeoutMs", options.timeoutMs ?? intervalMs);
  const entries = Object.entries(options.selectors);
  const aggregates: Record<string, Aggregate> = {};
  for (const [metric, spec] of entries) {
    if (!AGGREGATES.includes(spec.aggregate)) {
      throw optionError(`aggregate of ${metric}`, String(spec.aggregate), AGGREGATES.join(", "));
    }
    aggregates[metric] = spec.aggregate;
  }
  const selectors = entries.map(([metric, spec]) => [metric, parseSeriesSelector(spec.series)] as const);
  return { url, intervalMs, timeoutMs, selectors, aggregates };
}

function checkMs(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw optionError(name, String(value), "an integer >= 1 (ms)");
  return value;
}

function optionError(field: string, got: string, expected: string): StagingError {
  return new StagingError(`bad scrape option ${field}`, {
    code: "E_SCRAPE_OPTIONS",
    facts: { field, got, expected },
  });
}
