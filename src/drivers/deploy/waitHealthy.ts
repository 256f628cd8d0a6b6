import type { CheckResult } from "./DeployDriver.js";
import { PROBE_TIMEOUT_MS } from "./healthProbe.js";

export const POLL_INTERVAL_MS = 100;

export interface WaitOptions {
  /** One health probe, answered within `timeoutMs`. */
  probe: (timeoutMs: number) => Promise<CheckResult>;
  /** Why the service can no longer become healthy (it exited), or undefined while it runs. */
  ended: () => Promise<string | undefined>;
  timeoutMs: number;
  signal?: AbortSignal;
  intervalMs?: number;
}

export type WaitOutcome = { ok: true } | { ok: false; why: "timeout" | "ended" | "aborted"; reason: string };

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Polls until the probe is ok, the service ends, the time is up or the signal aborts. The last
 * probe's reason says what was wrong at the end ("/health did not answer", "answers build x").
 */
export async function waitHealthy(options: WaitOptions): Promise<WaitOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  let last = "nothing answered yet";
  for (;;) {
    if (options.signal?.aborted) return { ok: false, why: "aborted", reason: "interrupted" };
    const budget = Math.min(PROBE_TIMEOUT_MS, Math.max(200, deadline - Date.now()));
    const probed = await options.probe(budget);
    if (probed.ok) return probed;
    last = probed.reason;
    const ended = await options.ended();
    if (ended !== undefined) return { ok: false, why: "ended", reason: ended };
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, why: "timeout", reason: `not healthy in time: ${last}` };
    await sleep(Math.min(options.intervalMs ?? POLL_INTERVAL_MS, left), options.signal);
  }
}
