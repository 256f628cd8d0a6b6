import type { LatencyHistogram } from "./LoadDriver.js";
import { loadHdr } from "./loadModules.js";

/** The latencies of several histograms added, at chosen percentiles. */
export interface HistogramPercentiles {
  /** Requests in the sum. */
  count: number;
  /** Microseconds at each requested percentile, in the order asked. */
  valuesUs: number[];
}

/**
 * Adds the histograms (in the order given) and reads the sum at each percentile (0 to 100): the
 * points of a cumulative distribution. Null when there is nothing to add or the sum is empty.
 */
export async function histogramPercentiles(
  histograms: ReadonlyArray<Pick<LatencyHistogram, "encoded">>,
  percentiles: readonly number[],
): Promise<HistogramPercentiles | null> {
  if (histograms.length === 0) return null;
  const hdr = await loadHdr();
  const parts = histograms.map((h) => hdr.decodeFromCompressedBase64(h.encoded));
  const total = parts[0]!;
  try {
    for (const part of parts.slice(1)) total.add(part);
    if (total.totalCount === 0) return null;
    return {
      count: total.totalCount,
      valuesUs: percentiles.map((p) => total.getValueAtPercentile(p)),
    };
  } finally {
    for (const part of parts) part.destroy();
  }
}
