import { describe, expect, it } from "vitest";
import { RetriesExhausted, retryWithBackoff } from "../../../src/targets/retryWithBackoff.js";

function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: (ms: number) => {
      waits.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

describe("retryWithBackoff", () => {
  it("retries with doubling delays, capped, until it succeeds", async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await retryWithBackoff(
      () => (++calls < 6 ? Promise.reject(new Error("refused")) : Promise.resolve("ok")),
      { ...clock, isRetryable: () => true, maxDelayMs: 2000 },
    );
    expect(value).toBe("ok");
    expect(clock.waits).toEqual([250, 500, 1000, 2000, 2000]);
  });

  it("stops within the time budget with the last error", async () => {
    const clock = fakeClock();
    const failing = retryWithBackoff(() => Promise.reject(new Error("refused")), {
      ...clock,
      isRetryable: () => true,
      budgetMs: 3000,
    });
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect((error as RetriesExhausted).attempts).toBe(4);
    expect(((error as RetriesExhausted).lastError as Error).message).toBe("refused");
    expect(clock.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3000);
  });

  it("rethrows a non-retryable error at once", async () => {
    const clock = fakeClock();
    const fatal = new Error("host key changed");
    await expect(
      retryWithBackoff(() => Promise.reject(fatal), { ...clock, isRetryable: (e) => e !== fatal }),
    ).rejects.toBe(fatal);
    expect(clock.waits).toEqual([]);
  });
});
