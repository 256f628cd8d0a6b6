import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { StagingError } from "../../errors/StagingError.js";
import type { LoadDriver, LoadInput, LoadResult } from "./LoadDriver.js";
import { ResponseSampler } from "./ResponseSampler.js";
import { runAutocannonPhase, type PhaseMeasurement } from "./runAutocannonPhase.js";
import { validateLoadInput } from "./validateLoadInput.js";

/**
 * The embedded load driver: autocannon in this process, a warm-up instance whose numbers are thrown
 * away, then a measured instance.
 *
 * Closed loop (no `rate`): `connections` keep-alive connections, each sending its next request as
 * soon as the previous response is parsed.
 *
 * Fixed rate (`rate` set, autocannon's `overallRate`), as autocannon 8 implements it
 * (lib/httpClient.js, lib/run.js): the rate is split across connections (connections are capped
 * at the rate), and each connection gets a budget of requests per second that it spends
 * back-to-back, one request in flight at a time, then idles until its next one-second refill;
 * unspent budget is not carried over. So this is a rate-capped closed loop with bursts at each
 * second, not an open-loop arrival schedule, and coordinated omission is fully present:
 * - latency is timed from the moment a request is actually written, never from when the schedule
 *   wanted it sent, so a server that falls behind sends fewer requests instead of building a
 *   queue, and that queueing delay is never measured;
 * - autocannon's own correction (`recordValueWithExpectedInterval(ms, Math.ceil(1 / rate))`) uses
 *   an expected interval of 1 ms whatever the rate (a seconds/milliseconds slip) and only touches
 *   autocannon's whole-millisecond histogram; we switch it off and record raw per-request times.
 * What is reported instead: `requests.notSent` = rate x window - requests sent, the requests the
 * schedule wanted and never sent. A run with notSent > 0 did not hold the rate; compare latency
 * only between runs that did, or use k6's arrival-rate executors for an open-loop measurement.
 */
export class AutocannonDriver implements LoadDriver {
  readonly name = "autocannon" as const;

  async run(input: LoadInput, signal?: AbortSignal): Promise<LoadResult> {
    const url = validateLoadInput(input, { needsBodies: true });
    if (input.load.timeout_s < 1) {
      throw new StagingError("invalid load setting load.timeout_s", {
        code: "E_LOAD_SPEC",
        facts: {
          field: "load.timeout_s",
          expected: "at least 1 (autocannon's smallest timeout)",
          got: input.load.timeout_s,
        },
        hint: "raise load.timeout_s to 1 or more, or use driver: k6",
      });
    }
    signal?.throwIfAborted();
    await mkdir(input.workDir, { recursive: true });
    if (input.load.warmup_s > 0) {
      const warmup = await runAutocannonPhase({
        input,
        url,
        durationS: input.load.warmup_s,
        ...withSignal(signal),
      });
      warmup.latency.destroy();
      warmup.endpoints.destroy();
    }
    const sampler = new ResponseSampler(input.requests, input.responseSample);
    const measured = await runAutocannonPhase({
      input,
      url,
      durationS: input.load.duration_s,
      sampler,
      ...withSignal(signal),
    });
    try {
      await writeRawOutput(input.workDir, measured, sampler);
      return toLoadResult(input, measured, sampler);
    } finally {
      measured.latency.destroy();
      measured.endpoints.destroy();
    }
  }
}

function toLoadResult(input: LoadInput, m: PhaseMeasurement, sampler: ResponseSampler): LoadResult {
  const failed = m.errors.non2xx + m.errors.timeout + m.errors.socket + m.errors.closed;
  const answered = m.completed + failed;
  const rate = input.load.rate === undefined ? undefined : Math.max(1, Math.round(input.load.rate));
  const unavailable: Record<string, string> = {};
  const latencyUs = m.latency.summary();
  if (latencyUs.count === 0) unavailable.latencyUs = "no response arrived in the measured window";
  if (answered === 0) unavailable.failRate = "no request completed or failed in the measured window";
  const invalidReasons: string[] = [];
  if (m.completed === 0) invalidReasons.push("no successful response in the measured window");
  const mismatch = sampler.invalidReason();
  if (mismatch) invalidReasons.push(mismatch);
  return {
    driver: "autocannon",
    latencyUs,
    histogram: m.latency.encode(),
    statusCounts: m.statusCounts,
    errors: { ...m.errors },
    requests: {
      completed: m.completed,
      failed,
      notSent: rate === undefined ? 0 : Math.max(0, Math.round(rate * m.windowS) - m.sent),
    },
    throughput: m.windowS > 0 ? m.completed / m.windowS : null,
    windowS: m.windowS,
    failRate: answered > 0 ? failed / answered : null,
    endpoints: m.endpoints.results(m.windowS),
    responseMismatches: sampler.mismatched,
    responsesChecked: sampler.checked,
    invalidReasons,
    unavailable,
  };
}

async function writeRawOutput(workDir: string, m: PhaseMeasurement, sampler: ResponseSampler): Promise<void> {
  const note =
    "autocannon's own summary: whole-millisecond latencies over its whole run; staging reports its own per-request histogram of the measured window";
  await writeFile(
    join(workDir, "autocannon-result.json"),
    JSON.stringify({ note, result: m.raw }, null, 2) + "\n",
  );
  if (sampler.mismatches.length > 0) {
    await writeFile(
      join(workDir, "response-mismatches.json"),
      JSON.stringify(sampler.mismatches, null, 2) + "\n",
    );
  }
}

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
