import { describe, expect, it } from "vitest";
import { fixed, formatP, signedPercent, significant3 } from "../../../../src/staging/report/formatNumber.js";
import { markdownTable } from "../../../../src/staging/report/markdownTable.js";
import { formatMetricValue, metricUnit } from "../../../../src/staging/report/index.js";

describe("number formats", () => {
  it("keeps three significant digits without exponents", () => {
    expect([0, 0.000123456, 0.0123, 1.2345, 9.996, 12.34, 123.4, 999.6, 12345.6].map(significant3)).toEqual([
      "0",
      "0.000123",
      "0.0123",
      "1.23",
      "10.0",
      "12.3",
      "123",
      "1000",
      "12346",
    ]);
    expect(significant3(-0.0456)).toBe("-0.0456");
  });

  it("never prints a negative zero", () => {
    expect(fixed(-0.001, 2)).toBe("0.00");
    expect(fixed(-0, 1)).toBe("0.0");
    expect(signedPercent(-0.01)).toBe("0.0%");
    expect(signedPercent(4.25)).toBe("+4.3%");
    expect(signedPercent(null)).toBe("—");
  });

  it("prints p-values with three decimals", () => {
    expect([0.0004, 0.0123, 0.05, 1, null].map(formatP)).toEqual(["<0.001", "0.012", "0.050", "1.000", "—"]);
  });
});

describe("metric units", () => {
  it("knows the metrics of a run and guesses others by suffix", () => {
    expect(
      ["p50", "p95", "fail_rate", "throughput", "heap_peak", "rss_peak", "gc_pause"].map(metricUnit),
    ).toEqual(["ms", "ms", "ratio", "req/s", "bytes", "bytes", "seconds"]);
    expect(
      ["ttfb_ms", "cpu_seconds", "cache_bytes", "hit_ratio", "error_rate", "threads"].map(metricUnit),
    ).toEqual(["ms", "seconds", "bytes", "ratio", "ratio", "number"]);
  });

  it("prints each unit in its fixed format", () => {
    expect(formatMetricValue("ms", 12.345)).toBe("12.3 ms");
    expect(formatMetricValue("seconds", 0.1834)).toBe("183 ms");
    expect(formatMetricValue("bytes", 61_341_696)).toBe("58.50 MiB");
    expect(formatMetricValue("ratio", 0.00123)).toBe("0.12%");
    expect(formatMetricValue("req/s", 1480.06)).toBe("1480.1 req/s");
    expect(formatMetricValue("number", 42)).toBe("42.0");
    expect(formatMetricValue("ms", 12.345, false)).toBe("12.3");
  });
});

describe("markdownTable", () => {
  it("pads columns, aligns right where asked and escapes pipes", () => {
    expect(
      markdownTable(
        ["a", "value"],
        [
          ["x|y", "1"],
          ["long text", "12345"],
        ],
        ["left", "right"],
      ),
    ).toBe(
      [
        "| a         | value |",
        "| --------- | ----: |",
        "| x\\|y      |     1 |",
        "| long text | 12345 |",
      ].join("\n"),
    );
  });
});
