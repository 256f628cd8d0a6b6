import { describe, expect, it } from "vitest";
import { probeHealth, readFingerprint, type HealthFetcher } from "../../../../src/drivers/deploy/index.js";

const answering =
  (status: number, body: string): HealthFetcher =>
  async () => ({ status, body });

describe("probeHealth", () => {
  const url = "http://127.0.0.1:1";

  it("is ok on 200 with the expected build fingerprint", async () => {
    let asked = "";
    const fetcher: HealthFetcher = async (u) => (
      (asked = u),
      { status: 200, body: '{"build_fingerprint":"abc"}' }
    );
    expect(await probeHealth(fetcher, url, "/health", "abc")).toEqual({ ok: true });
    expect(asked).toBe("http://127.0.0.1:1/health");
  });

  it("names the build that answers instead", async () => {
    const result = await probeHealth(answering(200, '{"build_fingerprint":"abc"}'), url, "/health", "def");
    expect(result).toEqual({ ok: false, reason: "/health answers build abc, expected def" });
  });

  it("says when nothing answers", async () => {
    const refused: HealthFetcher = async () => {
      throw Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
      });
    };
    expect(await probeHealth(refused, url, "/health", "abc")).toEqual({
      ok: false,
      reason: "/health did not answer (ECONNREFUSED)",
    });
  });

  it("says when the answer is not 200 or has no fingerprint", async () => {
    expect(await probeHealth(answering(503, "{}"), url, "/h", "a")).toEqual({
      ok: false,
      reason: "/h answers HTTP 503",
    });
    expect(await probeHealth(answering(200, "ok"), url, "/h", "a")).toEqual({
      ok: false,
      reason: "/h answers no JSON",
    });
    expect(await probeHealth(answering(200, "{}"), url, "/h", "a")).toEqual({
      ok: false,
      reason: "/h answers without a build_fingerprint",
    });
  });

  it("reads fingerprints only from JSON objects with a string field", () => {
    expect(readFingerprint('{"build_fingerprint":"x"}')).toEqual({ fingerprint: "x" });
    expect(readFingerprint("null")).toHaveProperty("reason");
    expect(readFingerprint('{"build_fingerprint":3}')).toHaveProperty("reason");
  });
});
