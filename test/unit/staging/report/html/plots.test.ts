import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateCampaign } from "../../../../../src/staging/report/index.js";
import type { CellSummary } from "../../../../../src/staging/report/index.js";
import { renderReportHtml } from "../../../../../src/staging/report/html/index.js";
import { BASE, CAND, at, identity, LOWER, modeCells, ramp } from "../campaignCells.js";

const specs = { p95: LOWER, fail_rate: LOWER };

async function render(cells: CellSummary[], modes = ["node"]): Promise<string> {
  return renderReportHtml(aggregateCampaign(identity(modes, 8), specs, cells, at(8)), cells);
}

/** The SVGs inside the figures of one kind (`metric`, `forest`, `cdf`). */
function svgsIn(html: string, kind: string): number {
  const figures = html.match(new RegExp(`<figure class="${kind}"[\\s\\S]*?</figure>`, "g")) ?? [];
  return figures.reduce((n, f) => n + (f.match(/<svg /g)?.length ?? 0), 0);
}

function figure(html: string, metric: string): string {
  const start = html.indexOf(`data-metric="${metric}"`);
  return start < 0 ? "" : html.slice(start, html.indexOf("</figure>", start));
}

describe("the plots of a metric", () => {
  it("draw the 95% CI of each version from 6 valid runs on", async () => {
    const cells = modeCells(
      "node",
      { p95: ramp(10, 0.1, 8), fail_rate: ramp(0, 0, 8) },
      { p95: ramp(9, 0.1, 8), fail_rate: ramp(0, 0, 8) },
    );
    const p95 = figure(await render(cells), "p95");
    expect(p95).toContain("runs, median, 95% CI");
    expect(p95.match(/<title>(baseline|candidate) 95% CI [^<]+<\/title>/g)).toHaveLength(2);
    expect(p95).toContain("<title>baseline median 10.4 ms</title>");
    // fail_rate 0 in every run: a flat line at 0%, still one point per run.
    expect(figure(await render(cells), "fail_rate")).toContain(`data-points="16"`);
  });

  it("say when a published metric has no value at all", async () => {
    const cells = modeCells(
      "node",
      { p95: ramp(10, 1, 3), fail_rate: [null] },
      { p95: ramp(9, 1, 3), fail_rate: [] },
    );
    const html = await render(cells);
    expect(html).toContain(`<strong>fail_rate</strong>: no values in mode node</p>`);
    expect(svgsIn(html, "metric")).toBe(2);
  });

  it("draw a version whose every run is invalid as red crosses, without a median", async () => {
    const cells = modeCells(
      "node",
      { p95: ramp(10, 1, 3), fail_rate: [0, 0, 0] },
      { p95: ramp(9, 1, 3), fail_rate: [0, 0, 0] },
    ).map((cell) =>
      cell.version_slug === CAND ? { ...cell, valid: false, invalid_reasons: ["warm-up failed"] } : cell,
    );
    const p95 = figure(await render(cells), "p95");
    expect(p95.match(/<title>candidate [^<]*invalid \(excluded\): warm-up failed<\/title>/g)).toHaveLength(6);
    expect(p95).not.toContain("candidate median");
  });

  it("escape what the runs say: version names and reasons are text, never markup", async () => {
    const cells = modeCells(
      "node",
      { p95: [1, 2], fail_rate: [0, 0] },
      { p95: [1, 2], fail_rate: [0, 0] },
    ).map((cell, i) =>
      i === 3 ? { ...cell, valid: false, invalid_reasons: [`<script>alert("x")</script> & co`] } : cell,
    );
    const html = await render(cells);
    expect(html).not.toContain("<script");
    expect(html).toContain("<li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</li>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>");
  });

  it("render any small campaign: valid or not, missing values, equal values, one run", async () => {
    const value = fc.option(fc.constantFrom(0, 0.5, 1, 1, 2.5, 1e6), { nil: null });
    const run = fc.record({ p95: value, fail_rate: value, valid: fc.boolean() });
    const side = fc.array(run, { minLength: 0, maxLength: 7 });
    await fc.assert(
      fc.asyncProperty(side, side, async (baseline, candidate) => {
        const cells = [...sideCells(BASE, baseline), ...sideCells(CAND, candidate)];
        const html = await render(cells);
        const figures = html.match(/data-points="(\d+)"/g) ?? [];
        expect(svgsIn(html, "metric")).toBe(2 * figures.length);
        expect(figures.every((points) => points !== `data-points="0"`)).toBe(true);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});

function sideCells(
  version: string,
  runs: ReadonlyArray<{ p95: number | null; fail_rate: number | null; valid: boolean }>,
): CellSummary[] {
  return runs.map((r, i) => ({
    version_slug: version,
    platform_mode: "node",
    round: i + 1,
    run_index: 2 * i + (version === BASE ? 1 : 2),
    valid: r.valid,
    invalid_reasons: r.valid ? [] : ["timeout"],
    metrics: { p95: r.p95, fail_rate: r.fail_rate },
  }));
}
