import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateCampaign, type Aggregate } from "../../../src/staging/report/index.js";
import { renderReportHtml } from "../../../src/staging/report/html/index.js";
import { requireOrSkip } from "../../helpers/integration.js";
import { demoPoint, loadFixture } from "../../unit/staging/report/campaignCells.js";
import { CdpPipe, CHROMIUM } from "./cdpPipe.js";
import { PageSession } from "./pageSession.js";

const available = requireOrSkip(existsSync(CHROMIUM), `chromium (${CHROMIUM}; apt-get install chromium)`);
const docsImage = fileURLToPath(new URL("../../../docs/images/report.png", import.meta.url));

/** Per plot: the runs the figure says it draws, and the point marks (symbols) its SVG holds. */
interface PlotCount {
  mode: string;
  metric: string;
  expected: number;
  svgs: number[];
}

// Every <svg> of a figure: its point symbols, outside the legend (Vega marks them role-mark).
const COUNT_MARKS = `[...document.querySelectorAll("figure.metric")].map((figure) => ({
  mode: figure.dataset.mode,
  metric: figure.dataset.metric,
  expected: Number(figure.dataset.points),
  svgs: [...figure.querySelectorAll("svg")].map(
    (svg) => svg.querySelectorAll('g.mark-symbol.role-mark > path[aria-roledescription="point"]').length,
  ),
}))`;

// The invalid runs as drawn in the metrics' plots: the hover title of each red symbol.
const INVALID_TITLES = `[...document.querySelectorAll('figure.metric g.role-mark > path[aria-roledescription="point"]')]
  .filter((mark) => mark.getAttribute("fill") === "#d62728")
  .map((mark) => mark.querySelector("title")?.textContent ?? "")`;

/** Per ratio plot: the rows and intervals it says it draws, and the marks its SVG holds. */
interface ForestCount {
  kind: string;
  rows: number;
  intervals: number;
  estimates: number;
  bars: number;
  bands: number;
}

const COUNT_FORESTS = `[...document.querySelectorAll("figure.forest")].map((figure) => ({
  kind: figure.dataset.kind,
  rows: Number(figure.dataset.rows),
  intervals: Number(figure.dataset.intervals),
  estimates: figure.querySelectorAll("g.estimate_marks > path").length,
  bars: figure.querySelectorAll("g.interval_marks > line").length,
  bands: figure.querySelectorAll("g.band_marks > path").length,
}))`;

/** Per CDF plot: the curves it says it draws, and the lines and percentile dots its SVG holds. */
const COUNT_CDFS = `[...document.querySelectorAll("figure.cdf")].map((figure) => ({
  mode: figure.dataset.mode,
  endpoint: figure.dataset.endpoint ?? null,
  curves: Number(figure.dataset.curves),
  lines: figure.querySelectorAll("g.curve_marks > path").length,
  dots: figure.querySelectorAll("g.percentile_marks > path").length,
}))`;

/** The demo's recorded campaign as it ran: 12 duet rounds of 2 windows of 1 s. */
function demoAggregate(): Aggregate {
  const { identity, metrics, cells } = loadFixture("campaign-demo");
  return aggregateCampaign(identity, metrics, cells, demoPoint());
}

describe.skipIf(!available)("report.html in headless Chromium", () => {
  const { cells } = loadFixture("campaign-demo");
  const aggregate = demoAggregate();
  let work: string;
  let cdp: CdpPipe;
  let page: PageSession;
  let problems: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "staging-report-html-"));
    const file = join(work, "report.html");
    writeFileSync(file, await renderReportHtml(aggregate, cells));
    cdp = CdpPipe.launch(mkdtempSync(join(work, "profile-")));
    page = await PageSession.open(cdp);
    problems = await page.load(pathToFileURL(file).href);
  }, 120_000);

  afterAll(async () => {
    await cdp?.close();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it("opens without a console error, an exception, a failed load or a request", () => {
    expect(problems, cdp.stderr()).toEqual([]);
  });

  it("draws every plot with one point mark per run that has a value", async () => {
    const plots = await page.evaluate<PlotCount[]>(COUNT_MARKS);
    const published = aggregate.modes.flatMap((m) => m.metrics.filter((row) => row.verdict !== "n/a"));
    expect(plots).toHaveLength(published.length);
    for (const plot of plots) {
      expect(plot.expected, `${plot.mode} ${plot.metric}`).toBeGreaterThan(0);
      expect(plot.svgs, `${plot.mode} ${plot.metric}`).toEqual([plot.expected, plot.expected]);
    }
  });

  it("draws the ratio plot at the top and one per mode's endpoints: a dot per row, a bar per interval, a band per row", async () => {
    const forests = await page.evaluate<ForestCount[]>(COUNT_FORESTS);
    expect(forests.map((f) => f.kind)).toEqual(["changes", "endpoints", "endpoints"]);
    const ratioRows = aggregate.modes.flatMap((m) => m.metrics).filter((r) => r.change?.scale === "ratio");
    expect(forests[0]!.rows).toBe(ratioRows.length);
    expect(forests[0]!.intervals).toBe(ratioRows.filter((r) => r.change?.ci).length);
    for (const forest of forests) {
      expect(forest.rows, forest.kind).toBeGreaterThan(0);
      expect(forest.estimates, forest.kind).toBe(forest.rows);
      expect(forest.bands, forest.kind).toBe(forest.rows);
      expect(forest.bars, forest.kind).toBe(forest.intervals);
    }
    expect(forests[0]!.bars).toBeGreaterThan(0);
  });

  it("lists every endpoint row of each mode, and draws the CDFs of all requests and of each endpoint", async () => {
    const rows = await page.evaluate<string[]>(
      `[...document.querySelectorAll("tr.endpoint-row")].map((row) => row.dataset.endpoint)`,
    );
    expect(rows).toEqual(
      aggregate.modes.flatMap((m) => m.endpoints.flatMap((e) => e.metrics.map(() => e.name))),
    );
    expect(rows).toHaveLength(2 * 2 * 3);
    const cdfs =
      await page.evaluate<
        Array<{ mode: string; endpoint: string | null; curves: number; lines: number; dots: number }>
      >(COUNT_CDFS);
    expect(cdfs.map((c) => `${c.mode} ${c.endpoint ?? "all"}`)).toEqual([
      "node all",
      "node json-transform",
      "node word-stats",
      "bun all",
      "bun json-transform",
      "bun word-stats",
    ]);
    for (const cdf of cdfs) {
      expect(cdf.curves).toBe(2);
      expect(cdf.lines).toBe(2);
      expect(cdf.dots).toBe(3 * 2);
    }
  });

  it("fits the axes to the valid runs: the invalid run far off sits at the edge, in a legend that names only what is drawn", async () => {
    const off = await page.evaluate<Array<{ metric: string; off: number; legend: string[] }>>(
      `[...document.querySelectorAll('figure.metric[data-mode="bun"]')].map((figure) => ({
        metric: figure.dataset.metric,
        off: Number(figure.dataset.offAxis),
        legend: [...figure.querySelectorAll("g.role-legend-label text")].map((t) => t.textContent),
      }))`,
    );
    const p95 = off.find((f) => f.metric === "p95")!;
    expect(p95.off).toBe(1);
    expect(p95.legend).toEqual(["baseline", "candidate", "invalid, above the axis"]);
    const heap = off.find((f) => f.metric === "heap_peak")!;
    expect(heap.legend).toEqual(["baseline", "candidate", "invalid (excluded)"]);
    const node = await page.evaluate<string[]>(
      `[...document.querySelectorAll('figure.metric[data-mode="node"] g.role-legend-label text')].map((t) => t.textContent)`,
    );
    expect(new Set(node)).toEqual(new Set(["baseline", "candidate"]));
  });

  it("marks the invalid run in red with its reasons, and says which metric is not published", async () => {
    const titles = await page.evaluate<string[]>(INVALID_TITLES);
    const invalid = aggregate.invalid_runs[0];
    expect(invalid).toBeDefined();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) for (const reason of invalid?.reasons ?? []) expect(title).toContain(reason);
    const noPlot = await page.evaluate<string[]>(
      `[...document.querySelectorAll("p.no-plot")].map((p) => p.textContent)`,
    );
    expect(noPlot).toEqual(["gc_pause: not published in mode bun"]);
  });

  it("takes a screenshot of the page down to the first mode's CDFs (docs/images/report.png with STAGING_UPDATE_DOCS=1)", async () => {
    const bottom = await page.evaluate<number>(
      `Math.ceil(document.querySelector("#mode-0 .cdfs").getBoundingClientRect().bottom + window.scrollY + 24)`,
    );
    const png = await page.screenshot(bottom);
    const target = process.env.STAGING_UPDATE_DOCS === "1" ? docsImage : join(work, "report.png");
    writeFileSync(target, png);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(statSync(target).size).toBeGreaterThan(10 * 1024);
  });

  it("would catch a console error, an exception and a request (the harness itself)", async () => {
    const bad = join(work, "bad.html");
    writeFileSync(
      bad,
      `<!DOCTYPE html><title>bad</title><img src="http://127.0.0.1:9/missing.png">
<script>console.error("planted error"); throw new Error("planted exception");</script>`,
    );
    const caught = await page.load(pathToFileURL(bad).href);
    expect(caught).toContainEqual("console.error: planted error");
    expect(caught.some((problem) => problem.includes("planted exception"))).toBe(true);
    expect(caught).toContainEqual("request: http://127.0.0.1:9/missing.png");
  });

  it("would catch a resource the report's Content-Security-Policy blocks (the harness itself)", async () => {
    const html = await renderReportHtml(aggregate, cells);
    const leaky = join(work, "leaky.html");
    writeFileSync(leaky, html.replace("</body>", `<img src="report.png" alt="">\n</body>`));
    const caught = await page.load(pathToFileURL(leaky).href);
    expect(
      caught.some((problem) => problem.startsWith("log (security)") && problem.includes("report.png")),
    ).toBe(true);
  });
});
