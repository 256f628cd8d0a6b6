import { modules } from "./loadModules.js";
import type { Histogram } from "hdr-histogram-js";
import type { LatencyHistogram, LatencySummaryUs } from "./LoadDriver.js";

/**
 * Per-request latencies in microseconds: an HdrHistogram (3 significant digits, so 1 us steps up to
 * 2 ms and 0.1% relative error above) for percentiles, plus an exact sum and max.
 */
export class LatencyRecorder {
  private readonly histogram: Histogram;
  private sumUs = 0;
  private maxUs = 0;
  private count = 0;

  constructor(expectedMaxUs: number) {
    this.histogram = modules().hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: Math.max(2, Math.ceil(expectedMaxUs)),
      numberOfSignificantValueDigits: 3,
      autoResize: true,
    });
  }

  recordMs(ms: number): void {
    const us = ms * 1000;
    this.histogram.recordValue(Math.max(1, Math.round(us)));
    this.sumUs += us;
    if (us > this.maxUs) this.maxUs = us;
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  summary(): LatencySummaryUs {
    if (this.count === 0)
      return { p50: null, p90: null, p95: null, p99: null, max: null, mean: null, count: 0 };
    const at = (p: number): number => this.histogram.getValueAtPercentile(p);
    return {
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      max: roundNs(this.maxUs),
      mean: roundNs(this.sumUs / this.count),
      count: this.count,
    };
  }

  encode(): LatencyHistogram | null {
    if (this.count === 0) return null;
    return {
      format: "hdr-histogram-js/compressed-base64",
      unit: "us",
      encoded: modules().hdr.encodeIntoCompressedBase64(this.histogram),
    };
  }

  destroy(): void {
    this.histogram.destroy();
  }
}

function roundNs(us: number): number {
  return Math.round(us * 1000) / 1000;
}
