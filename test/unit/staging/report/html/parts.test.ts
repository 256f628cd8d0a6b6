import { describe, expect, it } from "vitest";
import type { MetricRow } from "../../../../../src/staging/report/index.js";
import { compileToSvg } from "../../../../../src/staging/report/html/compileToSvg.js";
import { escapeHtml } from "../../../../../src/staging/report/html/escapeHtml.js";
import { notPublished } from "../../../../../src/staging/report/html/metricFigure.js";
import { runPoints, sideMarks } from "../../../../../src/staging/report/html/plotData.js";
import { axisTitle } from "../../../../../src/staging/report/html/plotUnit.js";
import { svgTitles } from "../../../../../src/staging/report/html/svgTitles.js";
import { aggregateCampaign } from "../../../../../src/staging/report/index.js";
import { at, loadFixture } from "../campaignCells.js";

const { identity, metrics, cells } = loadFixture();
const aggregate = aggregateCampaign(identity, metrics, cells, at(5));

describe("escapeHtml", () => {
  it("escapes the five characters that can end text or an attribute", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(escapeHtml("plain — text")).toBe("plain — text");
  });
});

describe("svgTitles", () => {
  it("gives each labelled mark a title, which a browser shows on hover", () => {
    const svg = `<g><path aria-label="a &lt; b" role="graphics-symbol" aria-roledescription="point" d="M0"/><path d="M1"/></g>`;
    expect(svgTitles(svg)).toBe(
      `<g><path aria-label="a &lt; b" role="graphics-symbol" aria-roledescription="point" d="M0"><title>a &lt; b</title></path><path d="M1"/></g>`,
    );
  });
});

describe("plot data", () => {
  it("takes the runs of one mode with a value, baseline first, in plot units, whatever the input order", () => {
    const points = runPoints(aggregate, [...cells].reverse(), "bun", "heap_peak");
    expect(points.map((p) => [p.role, p.round])).toEqual([
      ...[1, 2, 3, 4, 5].map((round) => ["baseline", round]),
      ...[1, 2, 3, 4, 5].map((round) => ["candidate", round]),
    ]);
    expect(points[0]?.value).toBeCloseTo(42119021 / 1048576, 9);
    expect(points[0]?.label).toBe("baseline demo-base-20261125, round 1 (run 3): 40.17 MiB");
    expect(points.filter((p) => !p.valid).map((p) => p.group)).toEqual(["invalid (excluded)"]);
    expect(runPoints(aggregate, cells, "bun", "gc_pause")).toEqual([]);
  });

  it("gives medians and CIs in plot units, seconds as milliseconds", () => {
    const row = aggregate.modes[0]?.metrics.find((m) => m.metric === "gc_pause") as MetricRow;
    const withCi: MetricRow = { ...row, baseline: { ...row.baseline, ci95: { lo: 0.17, hi: 0.19 } } };
    const [baseline, candidate] = sideMarks(aggregate, withCi);
    expect(baseline).toMatchObject({
      role: "baseline",
      lo: 170,
      hi: 190,
      ciLabel: "baseline 95% CI 170–190 ms",
    });
    expect(candidate).toMatchObject({ role: "candidate", lo: null, hi: null, ciLabel: "" });
    expect(axisTitle("gc_pause")).toBe("gc_pause (ms)");
    expect(axisTitle("fail_rate")).toBe("fail_rate (%)");
    expect(axisTitle("requests")).toBe("requests");
  });

  it("words an unpublished metric's line", () => {
    expect(notPublished("bun", "not published in mode bun")).toBe("not published in mode bun");
    expect(notPublished("bun", null)).toBe("not published in mode bun");
    expect(notPublished("bun", "no GC events")).toBe("not published in mode bun (no GC events)");
  });
});

describe("compileToSvg", () => {
  it("renders a spec to one SVG element", async () => {
    const svg = await compileToSvg({
      data: { values: [{ a: 1 }, { a: 2 }] },
      mark: "point",
      encoding: { x: { field: "a", type: "quantitative" } },
    });
    expect(svg).toMatch(/^<svg [^>]*class="marks"[\s\S]*<\/svg>$/);
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(2);
  });

  it("throws on a Vega-Lite warning (a bug of the spec) and on a Vega warning", async () => {
    await expect(
      compileToSvg({
        data: { values: [{ a: 1 }] },
        mark: "bar",
        encoding: { shape: { field: "a", type: "nominal" } },
      }),
    ).rejects.toThrow(/^vega-lite: /);
    await expect(
      compileToSvg({
        data: { values: [] },
        mark: "point",
        encoding: { x: { field: "a", type: "quantitative" } },
      }),
    ).rejects.toThrow(/^vega: .*Infinite extent/);
  });
});
