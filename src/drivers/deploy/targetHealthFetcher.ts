import type { Target } from "../../targets/Target.js";
import type { HealthFetcher } from "./healthProbe.js";

/** Prints `{"status", "body"}` or `{"error"}` for one GET of argv[1] (node 18+ on the target). */
const SCRIPT = `
const [url, ms] = process.argv.slice(1);
fetch(url, { signal: AbortSignal.timeout(Number(ms)), redirect: "manual" })
  .then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.text() })))
  .catch((e) => console.log(JSON.stringify({ error: String(e.cause?.code ?? e.message) })));
`;

/**
 * A health fetcher that asks from the target itself (`node -e` there), for an SSH target whose
 * 127.0.0.1 is not this machine's. It needs node on the target.
 */
export function targetHealthFetcher(target: Target, timeoutMs = 2_000): HealthFetcher {
  return async (url, signal) => {
    const result = await target.run(["node", "-e", SCRIPT, url, String(timeoutMs)], {
      timeoutMs: timeoutMs + 5_000,
      signal,
    });
    const line = result.stdout.trim().split("\n").pop() ?? "";
    let parsed: { status?: number; body?: string; error?: string };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      throw new Error(
        `node on ${target.name} did not fetch ${url}: ${result.stderr.trim() || `exit ${result.exitCode}`}`,
      );
    }
    if (parsed.status === undefined) throw new Error(parsed.error ?? "no answer");
    return { status: parsed.status, body: parsed.body ?? "" };
  };
}
