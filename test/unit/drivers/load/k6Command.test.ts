import { describe, expect, it } from "vitest";
import { k6TimeoutMs, parseK6DurationS } from "../../../../src/drivers/load/k6Command.js";
import type { LoadShape } from "../../../../src/drivers/load/index.js";

describe("parseK6DurationS", () => {
  it.each<[string, number | null]>([
    ["30s", 30],
    ["1m30s", 90],
    ["2h", 7200],
    ["250ms", 0.25],
    ["1.5m", 90],
    ["soon", null],
    ["30", null],
    ["30s junk", null],
  ])("%s -> %s", (text, seconds) => {
    expect(parseK6DurationS(text)).toBe(seconds);
  });
});

describe("k6TimeoutMs", () => {
  const load: LoadShape = { warmup_s: 3, duration_s: 10, connections: 8, timeout_s: 10 };
  it("is at least ten minutes, and twice the stages plus two minutes for long runs", () => {
    expect(k6TimeoutMs(load, "measure")).toBe(600_000);
    expect(
      k6TimeoutMs(
        {
          ...load,
          k6: {
            script: "s",
            stages: [
              { duration: "10m", target: 5 },
              { duration: "5m", target: 0 },
            ],
          },
        },
        "measure",
      ),
    ).toBe(2 * 900_000 + 120_000);
  });
});
