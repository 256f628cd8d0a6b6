import { describe, expect, it } from "vitest";
import { aggregate, ScrapeWindow } from "../../../../src/drivers/metrics/index.js";

describe("aggregate", () => {
  const values = [3, 9, 4, 7];
  it.each([
    ["max", 9],
    ["last", 7],
    ["mean", 5.75],
    ["increase", 4],
  ] as const)("%s", (how, expected) => {
    expect(aggregate(values, how)).toBe(expected);
  });

  it("is null without values, and one value has no increase", () => {
    expect(aggregate([], "max")).toBeNull();
    expect(aggregate([], "increase")).toBeNull();
    expect(aggregate([5], "increase")).toBe(0);
    expect(aggregate([5], "mean")).toBe(5);
  });

  it("keeps a counter reset visible as a negative increase", () => {
    expect(aggregate([10, 12, 1], "increase")).toBe(-9);
  });
});

describe("ScrapeWindow", () => {
  const read = (value: number | null, matched = value === null ? 0 : 1) => ({ matched, value });

  it("folds each metric over the successful samples and counts failures", () => {
    const window = new ScrapeWindow({ heap: "max", gc: "increase", nan: "last" }, "node");
    window.addSuccess({ heap: read(10), gc: read(1), nan: read(null, 1) });
    window.addFailure();
    window.addSuccess({ heap: read(30), gc: read(1.5), nan: read(null, 1) });
    window.addSuccess({ heap: read(20), gc: read(2.5), nan: read(null, 1) });
    expect(window.summary()).toEqual({
      samples: 4,
      failures: 1,
      failureRatio: 0.25,
      skipped: 0,
      metrics: { heap: 30, gc: 1.5, nan: null },
      unavailable: { nan: "published in mode node but never with a finite value (NaN or Inf)" },
    });
  });

  it("reports a series absent from every successful sample as not published, never 0", () => {
    const window = new ScrapeWindow({ heap: "max", gc: "increase" }, "bun");
    window.addSuccess({ heap: read(5), gc: read(null) });
    window.addFailure();
    const summary = window.summary();
    expect(summary.metrics).toEqual({ heap: 5, gc: null });
    expect(summary.unavailable).toEqual({ gc: "not published in mode bun" });
  });

  it("says there was no successful scrape rather than 'not published'", () => {
    const window = new ScrapeWindow({ heap: "max" }, "jvm");
    window.addFailure();
    window.addSkipped(3);
    window.addFailure();
    expect(window.summary()).toEqual({
      samples: 2,
      failures: 2,
      failureRatio: 1,
      skipped: 3,
      metrics: { heap: null },
      unavailable: { heap: "no successful scrape in mode jvm (2 of 2 failed)" },
    });
  });
});
