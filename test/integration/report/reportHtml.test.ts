import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateCampaign } from "../../../src/staging/report/index.js";
import { renderReportHtml } from "../../../src/staging/report/html/index.js";
import { requireOrSkip } from "../../helpers/integration.js";
import { at, loadFixture } from "../../unit/staging/report/campaignCells.js";
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

// The invalid runs as drawn: the hover title of each red symbol.
const INVALID_TITLES = `[...document.querySelectorAll('g.role-mark > path[aria-roledescription="point"]')]
  .filter((mark) => mark.getAttribute("fill") === "#d62728")
  .map((mark) => mark.querySelector("title")?.textContent ?? "")`;

describe.skipIf(!available)("report.html in headless Chromium", () => {
  const { identity, metrics, cells } = loadFixture();
  const aggregate = aggregateCampaign(identity, metrics, cells, at(5));
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

  it("takes a screenshot of the whole page (docs/images/report.png with STAGING_UPDATE_DOCS=1)", async () => {
    const png = await page.screenshot();
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
