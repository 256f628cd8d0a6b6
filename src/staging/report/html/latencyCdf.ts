import { histogramPercentiles } from "../../../drivers/load/index.js";
import type { EncodedHistogram } from "../CampaignInput.js";

/** The percentiles a curve is drawn through: every 1% to 99, then finer into the tail, and the max. */
export const CDF_PERCENTILES: readonly number[] = [
  ...Array.from({ length: 100 }, (_, i) => i),
  ...Array.from({ length: 9 }, (_, i) => 99.1 + i / 10),
  ...Array.from({ length: 9 }, (_, i) => 99.91 + i / 100),
  100,
].map((p) => Math.round(p * 100) / 100);

/** The percentiles marked on a curve. */
const MARKED: ReadonlyArray<{ name: string; percentile: number }> = [
  { name: "p50", percentile: 50 },
  { name: "p95", percentile: 95 },
  { name: "p99", percentile: 99 },
];

/** The latencies of several runs together, as a cumulative distribution in milliseconds. */
export interface LatencyCdf {
  /** Requests in the sum. */
  count: number;
  /** Latency at each of CDF_PERCENTILES, as (ms, share of requests at or below it). */
  points: Array<{ ms: number; share: number }>;
  /** p50, p95 and p99 of the sum. */
  marks: Array<{ name: string; share: number; ms: number }>;
}

const FORMAT = "hdr-histogram-js/compressed-base64";

/**
 * Adds the runs' histograms (microseconds, in the order given) and reads the sum's distribution.
 * A histogram in another format is left out; null when none is left or none holds a request.
 */
export async function latencyCdf(histograms: readonly EncodedHistogram[]): Promise<LatencyCdf | null> {
  const usable = histograms.filter((h) => h.format === FORMAT && h.unit === "us");
  const marks = MARKED.map((m) => m.percentile);
  const read = await histogramPercentiles(usable, [...CDF_PERCENTILES, ...marks]);
  if (!read) return null;
  const ms = (us: number) => us / 1000;
  const n = CDF_PERCENTILES.length;
  return {
    count: read.count,
    points: CDF_PERCENTILES.map((p, i) => ({ ms: ms(read.valuesUs[i]!), share: p / 100 })),
    marks: MARKED.map((m, i) => ({ name: m.name, share: m.percentile / 100, ms: ms(read.valuesUs[n + i]!) })),
  };
}
