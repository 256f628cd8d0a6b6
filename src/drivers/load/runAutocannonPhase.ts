import type autocannon from "autocannon";
import { loadModules, modules } from "./loadModules.js";
import { performance } from "node:perf_hooks";
import { ExitCode, StagingError } from "../../errors/StagingError.js";
import { inFlightItem, installClientHooks, type ClientEvents } from "./autocannonClientHooks.js";
import { autocannonRequest } from "./autocannonRequest.js";
import { EndpointRecorder } from "./EndpointRecorder.js";
import { LatencyRecorder } from "./LatencyRecorder.js";
import type { LoadInput } from "./LoadDriver.js";
import type { ResponseSampler } from "./ResponseSampler.js";

/** What one autocannon phase measured between its start and its cut. */
export interface PhaseMeasurement {
  latency: LatencyRecorder;
  /** The same per request name. */
  endpoints: EndpointRecorder;
  statusCounts: Record<string, number>;
  completed: number;
  errors: { non2xx: number; timeout: number; socket: number; closed: number };
  sent: number;
  windowS: number;
  /** autocannon's own result object, for the raw output. */
  raw: unknown;
}

export interface PhaseOptions {
  input: LoadInput;
  url: URL;
  durationS: number;
  sampler?: ResponseSampler;
  signal?: AbortSignal;
}

/**
 * Runs one autocannon instance for `durationS` and counts only what completes inside that window:
 * the phase is cut by our own timer (autocannon only stops at its next sample tick), responses
 * that arrive after the cut are in flight and not counted. Each request's time comes from
 * autocannon's `response` event, measured with `process.hrtime` from the socket write to the last
 * byte parsed (fractional milliseconds; autocannon's own histogram truncates to whole ms), and is
 * recorded for the whole and under the name of the request it answers.
 */
export async function runAutocannonPhase(options: PhaseOptions): Promise<PhaseMeasurement> {
  const { input, durationS, signal } = options;
  options.signal?.throwIfAborted();
  await loadModules();
  const names = input.requests.map((r) => r.name);
  const m: PhaseMeasurement = {
    latency: new LatencyRecorder(input.load.timeout_s * 1e6),
    endpoints: new EndpointRecorder(names, input.load.timeout_s * 1e6),
    statusCounts: {},
    completed: 0,
    errors: { non2xx: 0, timeout: 0, socket: 0, closed: 0 },
    sent: 0,
    windowS: 0,
    raw: null,
  };
  let measuring = true;
  const startedAt = performance.now();
  const { instance, finished } = start(options, () => measuring, {
    sent: () => void (measuring && m.sent++),
    lost: (kind, count, item) => {
      if (!measuring) return;
      m.errors[kind] += count;
      if (item) m.endpoints.lost(names[item.fn] ?? "", count);
    },
  });
  instance.on("response", (client, statusCode, _bytes, responseTimeMs) => {
    if (!measuring) return;
    const ok = statusCode >= 200 && statusCode <= 299;
    m.latency.recordMs(responseTimeMs);
    const item = inFlightItem(client);
    if (item) m.endpoints.response(names[item.fn] ?? "", responseTimeMs, ok);
    const key = String(statusCode);
    m.statusCounts[key] = (m.statusCounts[key] ?? 0) + 1;
    if (ok) m.completed++;
    else m.errors.non2xx++;
  });

  const cut = (): void => {
    if (!measuring) return;
    measuring = false;
    m.windowS = (performance.now() - startedAt) / 1000;
    if (typeof instance.stop === "function") instance.stop();
  };
  const timer = setTimeout(cut, durationS * 1000);
  signal?.addEventListener("abort", cut, { once: true });
  try {
    m.raw = await finished;
  } catch (cause) {
    throw driverError(cause);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", cut);
    cut();
  }
  signal?.throwIfAborted();
  return m;
}

function start(
  { input, url, durationS, sampler }: PhaseOptions,
  isMeasuring: () => boolean,
  events: ClientEvents,
): { instance: autocannon.Instance; finished: Promise<autocannon.Result> } {
  const rate = input.load.rate === undefined ? undefined : Math.max(1, Math.round(input.load.rate));
  let settle!: (error: Error | null, result: autocannon.Result) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    settle = (error, result) => (error ? reject(error) : resolve(result));
  });
  try {
    const instance = modules().autocannon(
      {
        url: url.origin,
        connections: input.load.connections,
        duration: durationS + 5, // our own timer cuts the phase first
        timeout: input.load.timeout_s,
        pipelining: 1,
        sampleInt: 100,
        ...(rate === undefined ? {} : { overallRate: rate, ignoreCoordinatedOmission: true }),
        requests: [autocannonRequest(input, url, sampler, isMeasuring)],
        setupClient: (client) => installClientHooks(client, events),
      },
      (error: unknown, result) => settle(error ? toError(error) : null, result),
    );
    return { instance, finished };
  } catch (cause) {
    throw driverError(cause);
  }
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function driverError(cause: unknown): StagingError {
  return new StagingError("autocannon could not run the load", {
    code: "E_LOAD_DRIVER",
    exitCode: ExitCode.nodeFailed,
    facts: { driver: "autocannon", error: cause instanceof Error ? cause.message : String(cause) },
    cause,
  });
}
