import { StagingError } from "../../errors/StagingError.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Parses the deployment's base URL and refuses anything but http(s) on a loopback host: load is
 * only ever aimed at a deployment reached on this machine (or the target's own loopback for k6).
 */
export function assertLoopbackUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw refuse(url, "not a URL", cause);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw refuse(url, `protocol ${parsed.protocol} (expected http: or https:)`);
  }
  if (!LOOPBACK_HOSTS.has(parsed.hostname.toLowerCase())) {
    throw refuse(url, `host ${parsed.hostname}`);
  }
  return parsed;
}

function refuse(url: string, got: string, cause?: unknown): StagingError {
  return new StagingError("load target is not a loopback URL", {
    code: "E_LOAD_TARGET",
    facts: { url, got, expected: "http(s)://127.0.0.1, localhost or [::1]" },
    hint: "load runs only against a loopback address; reach a remote deployment through an SSH tunnel (ssh -L)",
    ...(cause === undefined ? {} : { cause }),
  });
}
