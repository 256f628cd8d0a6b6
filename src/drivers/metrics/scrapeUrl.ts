import { StagingError } from "../../errors/StagingError.js";

/**
 * Whether a URL host is a loopback address: `localhost`, `[::1]` or any of 127.0.0.0/8. WHATWG URL
 * parsing has already normalized the spellings (`127.1` and `0x7f.1` become `127.0.0.1`,
 * `[0:0::1]` becomes `[::1]`), so comparing the normalized host is enough.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]") return true;
  const octets = host.split(".");
  return (
    octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) < 256)
  );
}

/**
 * The scrape URL: the deployment's base URL (http or https on a loopback host, as for load; a
 * remote deployment is reached through an SSH tunnel) with `path` appended to its own path, so a
 * base of `http://127.0.0.1:8080/svc` and `/metrics` gives `/svc/metrics`. Throws `E_SCRAPE_TARGET`.
 */
export function scrapeUrl(base: string, path: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch (cause) {
    throw refuse(base, "not a URL", cause);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refuse(base, `protocol ${url.protocol} (expected http: or https:)`);
  }
  if (!isLoopbackHost(url.hostname)) throw refuse(base, `host ${url.hostname}`);
  if (url.username !== "" || url.password !== "") throw refuse(base, "credentials in the URL");
  if (url.search !== "" || url.hash !== "") throw refuse(base, "a query or fragment in the base URL");
  if (!path.startsWith("/") || /[\s#]/.test(path)) {
    throw new StagingError("the scrape path must start with / and hold no blanks or #", {
      code: "E_SCRAPE_TARGET",
      facts: { path },
    });
  }
  const joined = new URL(`${url.origin}${url.pathname.replace(/\/+$/, "")}${path}`);
  if (joined.origin !== url.origin) throw refuse(`${base} + ${path}`, `origin ${joined.origin}`);
  return joined;
}

function refuse(url: string, got: string, cause?: unknown): StagingError {
  return new StagingError("the metrics endpoint is not a loopback URL", {
    code: "E_SCRAPE_TARGET",
    facts: { url, got, expected: "http(s)://127.0.0.0/8, localhost or [::1]" },
    hint: "scrape only a deployment reached on this machine; reach a remote one through an SSH tunnel (ssh -L)",
    ...(cause === undefined ? {} : { cause }),
  });
}
