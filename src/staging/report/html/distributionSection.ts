import type { ModeTable } from "../Aggregate.js";
import type { CellSummary } from "../CampaignInput.js";
import { cdfPlotSpec, type CdfCurve } from "./cdfPlotSpec.js";
import { compileToSvg } from "./compileToSvg.js";
import { escapeHtml } from "./escapeHtml.js";
import { latencyCdf } from "./latencyCdf.js";
import type { ModeContext } from "./metricFigure.js";
import type { Role } from "./plotData.js";
import { groupStyle } from "./plotTheme.js";
import { svgTitles } from "./svgTitles.js";

/**
 * The latency distributions of one mode: for all requests and for each request name, the
 * histograms of each version's valid runs added and drawn as CDFs, baseline and candidate
 * overlaid. A mode whose runs recorded no histogram (k6 gives percentiles only) says so.
 */
export async function distributionSectionHtml(context: ModeContext, table: ModeTable): Promise<string> {
  // null: every request, whatever its name.
  const names = [null, ...table.endpoints.map((e) => e.name)];
  const figures: string[] = [];
  for (const name of names) {
    const figure = await cdfFigure(context, name);
    if (figure !== null) figures.push(figure);
  }
  const body =
    figures.length === 0
      ? `<p class="no-plot">no valid run in mode ${escapeHtml(context.mode)} recorded a latency histogram (k6 records percentiles only)</p>`
      : `<div class="cdfs">\n${figures.join("\n")}\n</div>`;
  return [
    `<h3>Latency distributions</h3>`,
    `<p class="facts">Each version's valid runs together (their histograms added): the share of requests answered within a latency, p50, p95 and p99 marked. The table compares rounds; this shows every request.</p>`,
    body,
  ].join("\n");
}

async function cdfFigure(context: ModeContext, name: string | null): Promise<string | null> {
  const { aggregate } = context;
  const sides: Array<[string, Role]> = [
    [aggregate.baseline, "baseline"],
    [aggregate.candidate, "candidate"],
  ];
  const curves: CdfCurve[] = [];
  for (const [version, role] of sides) {
    const histograms = runsOf(context, version).flatMap((cell) => {
      const histogram = name === null ? cell.histogram : cell.endpoints?.[name]?.histogram;
      return histogram ? [histogram] : [];
    });
    const cdf = await latencyCdf(histograms);
    if (cdf) curves.push({ version, role, runs: histograms.length, cdf });
  }
  if (curves.length === 0) return null;
  const style = groupStyle(
    aggregate.baseline,
    aggregate.candidate,
    curves.map((c) => ({ group: c.version })),
  );
  const title = name ?? "all requests";
  const svg = await compileToSvg(cdfPlotSpec({ title, curves, style }));
  const counts = curves.map((c) => `${c.role} ${c.runs} runs, ${c.cdf.count} requests`).join("; ");
  const requests = name === null ? "" : ` data-endpoint="${escapeHtml(name)}"`;
  return [
    `<figure class="cdf" data-mode="${escapeHtml(context.mode)}"${requests} data-curves="${curves.length}">`,
    `<figcaption><strong>${escapeHtml(title)}</strong> <span class="facts">(${escapeHtml(counts)})</span></figcaption>`,
    `<div class="plot">${svgTitles(svg)}</div>`,
    "</figure>",
  ].join("\n");
}

/** A version's valid runs in the mode, in round order. */
function runsOf(context: ModeContext, version: string): CellSummary[] {
  return context.cells
    .filter((c) => c.platform_mode === context.mode && c.version_slug === version && c.valid)
    .sort((a, b) => a.round - b.round || a.run_index - b.run_index);
}
