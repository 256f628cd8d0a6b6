import { describe, expect, it } from "vitest";
import { ChannelLimiter } from "../../../../src/targets/ssh/ChannelLimiter.js";

describe("ChannelLimiter", () => {
  it("never runs more than the limit at once, and runs everything", async () => {
    const limiter = new ChannelLimiter(3);
    let active = 0;
    let peak = 0;
    const work = (n: number) =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (n === 4) throw new Error("four");
        return n;
      });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => work(i)));
    expect(peak).toBe(3);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(9);
    expect(await work(42)).toBe(42);
  });
});
