import type { CheckResult } from "./DeployDriver.js";

/** One HTTP GET of a health URL; rejects when nothing answers. */
export type HealthFetcher = (url: string, signal: AbortSignal) => Promise<{ status: number; body: string }>;

/** The default: `fetch` from this machine (deployments bind 127.0.0.1). */
export const fetchHealth: HealthFetcher = async (url, signal) => {
  const response = await fetch(url, { signal, redirect: "manual" });
  return { status: response.status, body: await response.text() };
};

/** Per request; the ready wait polls again after it. */
export const PROBE_TIMEOUT_MS = 2_000;

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
  if (typeof code === "string") return code;
  return error.name === "TimeoutError" || error.name === "AbortError" ? "timed out" : error.message;
}

/** The build fingerprint in a `/health` body, or why there is none. */
export function readFingerprint(body: string): { fingerprint: string } | { reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { reason: "answers no JSON" };
  }
  const value = (parsed as { build_fingerprint?: unknown } | null)?.build_fingerprint;
  if (typeof value !== "string" || value === "") return { reason: "answers without a build_fingerprint" };
  return { fingerprint: value };
}

/** Asks `<url><healthPath>` once: ok when it answers 200 with `expected` as its build fingerprint. */
export async function probeHealth(
  fetcher: HealthFetcher,
  url: string,
  healthPath: string,
  expected: string,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<CheckResult> {
  let answer: { status: number; body: string };
  try {
    answer = await fetcher(url + healthPath, AbortSignal.timeout(timeoutMs));
  } catch (error) {
    return { ok: false, reason: `${healthPath} did not answer (${reasonOf(error)})` };
  }
  if (answer.status !== 200) return { ok: false, reason: `${healthPath} answers HTTP ${answer.status}` };
  const read = readFingerprint(answer.body);
  if ("reason" in read) return { ok: false, reason: `${healthPath} ${read.reason}` };
  if (read.fingerprint !== expected)
    return { ok: false, reason: `${healthPath} answers build ${read.fingerprint}, expected ${expected}` };
  return { ok: true };
}
