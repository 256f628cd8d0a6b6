/** One scrape's outcome: the exposition text, or why there is none. */
export type ScrapeResult = { ok: true; text: string } | { ok: false; error: string };

export type FetchLike = (url: URL, init: RequestInit) => Promise<Response>;

const ACCEPT = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

/**
 * GETs the exposition once. Connection errors, a timeout (of the whole exchange, body included),
 * any status but 200 and redirects (never followed: they could leave loopback) are failures with a
 * one-line reason; this never throws.
 */
export async function scrapeOnce(
  url: URL,
  timeoutMs: number,
  fetchImpl: FetchLike = fetch,
): Promise<ScrapeResult> {
  try {
    const response = await fetchImpl(url, {
      headers: { accept: ACCEPT },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
      };
    }
    return { ok: true, text: await response.text() };
  } catch (error) {
    return { ok: false, error: describeFetchError(error, timeoutMs) };
  }
}

/** `timed out after 200 ms`, `connect ECONNREFUSED 127.0.0.1:9` rather than undici's `fetch failed`. */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `timed out after ${timeoutMs} ms`;
  }
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const detail =
      typeof code === "string" && !cause.message.includes(code)
        ? `${cause.message} (${code})`
        : cause.message;
    return `${error.message}: ${detail}`;
  }
  return error.message;
}
