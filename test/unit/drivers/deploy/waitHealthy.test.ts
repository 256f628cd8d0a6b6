import { describe, expect, it } from "vitest";
import { waitHealthy } from "../../../../src/drivers/deploy/waitHealthy.js";

const notYet = async () => ({ ok: false as const, reason: "/health did not answer" });

describe("waitHealthy", () => {
  it("returns once the probe is ok", async () => {
    let probes = 0;
    const outcome = await waitHealthy({
      probe: async () => (++probes >= 3 ? { ok: true } : { ok: false, reason: "no" }),
      ended: async () => undefined,
      timeoutMs: 5_000,
      intervalMs: 5,
    });
    expect(outcome).toEqual({ ok: true });
    expect(probes).toBe(3);
  });

  it("stops at once when the service ended", async () => {
    const started = Date.now();
    const outcome = await waitHealthy({
      probe: notYet,
      ended: async () => "exited with code 3",
      timeoutMs: 5_000,
    });
    expect(outcome).toEqual({ ok: false, why: "ended", reason: "exited with code 3" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("times out with the last probe's reason", async () => {
    const outcome = await waitHealthy({
      probe: notYet,
      ended: async () => undefined,
      timeoutMs: 150,
      intervalMs: 10,
    });
    expect(outcome).toEqual({
      ok: false,
      why: "timeout",
      reason: "not healthy in time: /health did not answer",
    });
  });

  it("stops when aborted, even in the middle of a pause", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const outcome = await waitHealthy({
      probe: notYet,
      ended: async () => undefined,
      timeoutMs: 10_000,
      intervalMs: 5_000,
      signal: controller.signal,
    });
    expect(outcome).toMatchObject({ ok: false, why: "aborted" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
