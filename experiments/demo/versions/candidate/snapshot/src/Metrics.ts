import type { FunctionName } from "./functions.js";

/** Upper bounds (seconds) of the request latency histogram buckets; +Inf is implied. */
export const DURATION_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/** One sample line source for runtime gauges and counters (memory, GC). */
export interface RuntimeSeries {
  name: string;
  type: "gauge" | "counter";
  help: string;
  read(): number;
}

/** Request counters and latency histograms per function, rendered in Prometheus text format. */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<FunctionName, Histogram>();

  constructor(private readonly runtimeSeries: readonly RuntimeSeries[]) {}

  observe(fn: FunctionName, status: number, seconds: number): void {
    const key = `${fn}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let histogram = this.durations.get(fn);
    if (histogram === undefined) {
      histogram = { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(fn, histogram);
    }
    const index = DURATION_BUCKETS.findIndex((le) => seconds <= le);
    if (index >= 0) histogram.buckets[index]!++;
    histogram.sum += seconds;
    histogram.count++;
  }

  render(): string {
    const lines: string[] = [];
    lines.push("# HELP staging_requests_total Function invocations by HTTP status.");
    lines.push("# TYPE staging_requests_total counter");
    for (const [key, count] of [...this.requests].sort(byKey)) {
      const [fn, status] = key.split("\u0000");
      lines.push(`staging_requests_total{function="${fn}",status="${status}"} ${count}`);
    }
    lines.push("# HELP staging_request_duration_seconds Function invocation latency in the service.");
    lines.push("# TYPE staging_request_duration_seconds histogram");
    for (const [fn, h] of [...this.durations].sort(byKey)) this.renderHistogram(lines, fn, h);
    for (const series of this.runtimeSeries) {
      lines.push(`# HELP ${series.name} ${series.help}`);
      lines.push(`# TYPE ${series.name} ${series.type}`);
      lines.push(`${series.name} ${series.read()}`);
    }
    return lines.join("\n") + "\n";
  }

  private renderHistogram(lines: string[], fn: FunctionName, h: Histogram): void {
    const name = "staging_request_duration_seconds";
    let cumulative = 0;
    DURATION_BUCKETS.forEach((le, i) => {
      cumulative += h.buckets[i]!;
      lines.push(`${name}_bucket{function="${fn}",le="${le}"} ${cumulative}`);
    });
    lines.push(`${name}_bucket{function="${fn}",le="+Inf"} ${h.count}`);
    lines.push(`${name}_sum{function="${fn}"} ${h.sum}`);
    lines.push(`${name}_count{function="${fn}"} ${h.count}`);
  }
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
