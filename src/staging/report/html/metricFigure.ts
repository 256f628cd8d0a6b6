import type { Aggregate, MetricRow } from "../Aggregate.js";
import type { CellSummary } from "../CampaignInput.js";
import { compileToSvg } from "./compileToSvg.js";
import { escapeHtml } from "./escapeHtml.js";
import { runPoints, sideMarks } from "./plotData.js";
import { groupStyle } from "./plotTheme.js";
import { plotUnit } from "./plotUnit.js";
import { runOrderSpec } from "./runOrderSpec.js";
import { runsPlotSpec } from "./runsPlotSpec.js";
import { svgTitles } from "./svgTitles.js";
import { verdictCells } from "../verdictCells.js";
import { fitToAxis } from "./valueAxis.js";
import { verdictClass } from "./verdictTable.js";

/** One mode of a campaign, what its figures are drawn from. */
export interface ModeContext {
  aggregate: Aggregate;
  cells: readonly CellSummary[];
  mode: string;
  /** Position of the mode in the report, for element ids. */
  index: number;
}

/**
 * The plots of one metric in one mode: the runs with their medians and CIs, and the run order. A
 * metric not published in the mode, or without a single value, gets a line saying so instead.
 */
export async function metricFigureHtml(context: ModeContext, row: MetricRow): Promise<string> {
  const { aggregate, cells, mode } = context;
  if (row.verdict === "n/a") return noPlot(row.metric, notPublished(mode, row.unavailable));
  const { domain, points } = fitToAxis(runPoints(aggregate, cells, mode, row.metric));
  if (points.length === 0) return noPlot(row.metric, `no values in mode ${mode}`);
  const style = groupStyle(aggregate.baseline, aggregate.candidate, points);
  const axis = { metric: row.metric, points, domain, style };
  const runs = await compileToSvg(runsPlotSpec({ ...axis, sides: sideMarks(aggregate, row) }));
  const order = await compileToSvg(runOrderSpec({ ...axis, rounds: aggregate.rounds }));
  const off = points.filter((p) => p.shown !== p.value).length;
  return [
    `<figure class="metric" data-mode="${escapeHtml(mode)}" data-metric="${escapeHtml(row.metric)}" data-points="${points.length}" data-off-axis="${off}">`,
    `<figcaption>${caption(row)}</figcaption>`,
    `<div class="plots"><div class="plot plot-runs">${svgTitles(runs)}</div>`,
    `<div class="plot plot-order">${svgTitles(order)}</div></div>`,
    "</figure>",
  ].join("\n");
}

/** The line a metric without a plot gets, e.g. `gc_pause: not published in mode bun`. */
export function notPublished(mode: string, unavailable: string | null): string {
  const line = `not published in mode ${mode}`;
  return unavailable === null || unavailable === line ? line : `${line} (${unavailable})`;
}

function noPlot(metric: string, why: string): string {
  return `<p class="no-plot" data-metric="${escapeHtml(metric)}"><strong>${escapeHtml(metric)}</strong>: ${escapeHtml(why)}</p>`;
}

function caption(row: MetricRow): string {
  const cells = verdictCells(row);
  const unit = plotUnit(row.metric).label;
  const facts = [unit, `${row.direction} is better`, ...(row.critical ? ["critical"] : [])];
  return [
    `<strong>${escapeHtml(row.metric)}</strong> <span class="facts">(${escapeHtml(facts.filter((f) => f !== "").join(", "))})</span>`,
    `<span class="${verdictClass(row.verdict)}">${escapeHtml(row.verdict)}</span>`,
    `<span class="facts">change ${escapeHtml(cells[3] ?? "—")}, p (Holm) ${escapeHtml(cells[5] ?? "—")}</span>`,
  ].join(" ");
}
