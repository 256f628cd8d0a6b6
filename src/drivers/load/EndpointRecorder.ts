import { LatencyRecorder } from "./LatencyRecorder.js";
import type { EndpointLoad } from "./LoadDriver.js";

interface Tally {
  latency: LatencyRecorder;
  completed: number;
  failed: number;
}

/**
 * Latencies and counts per request name, beside the whole: each response is recorded under the
 * name of the request it answers, each lost request under the name of the request that was in
 * flight. Every name of the benchmark is reported, with zero counts if none of its requests ran.
 */
export class EndpointRecorder {
  private readonly tallies = new Map<string, Tally>();

  constructor(names: readonly string[], expectedMaxUs: number) {
    for (const name of names)
      this.tallies.set(name, { latency: new LatencyRecorder(expectedMaxUs), completed: 0, failed: 0 });
  }

  response(name: string, ms: number, ok: boolean): void {
    const tally = this.tallies.get(name);
    if (!tally) return;
    tally.latency.recordMs(ms);
    if (ok) tally.completed++;
    else tally.failed++;
  }

  lost(name: string, count: number): void {
    const tally = this.tallies.get(name);
    if (tally) tally.failed += count;
  }

  /** Each name's figures over a window of `windowS` seconds, in the order the names were given. */
  results(windowS: number): Record<string, EndpointLoad> {
    const out: Record<string, EndpointLoad> = {};
    for (const [name, { latency, completed, failed }] of this.tallies) {
      const answered = completed + failed;
      out[name] = {
        latencyUs: latency.summary(),
        histogram: latency.encode(),
        completed,
        failed,
        throughput: windowS > 0 ? completed / windowS : null,
        failRate: answered > 0 ? failed / answered : null,
      };
    }
    return out;
  }

  destroy(): void {
    for (const { latency } of this.tallies.values()) latency.destroy();
  }
}
