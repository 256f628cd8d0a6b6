import type { Aggregate } from "../Aggregate.js";
import type { CellSummary } from "../CampaignInput.js";
import { changesSectionHtml } from "./changesSection.js";
import { htmlPage } from "./htmlPage.js";
import { modeSectionHtml } from "./modeSection.js";

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched): a ratio plot
 * of every change at the top, then per mode the verdict table, the rows per request name with their
 * ratio plot, the latency distributions (CDFs of the merged histograms) and, per metric, the runs of
 * both versions with their medians and CIs and the run order, invalid runs marked with their reasons. The plots are Vega-Lite specs
 * rendered to SVG here, headless. Byte-identical for the same aggregate and cells, in any order:
 * `cells` are the campaign's cell summaries (cells of other versions or modes are ignored).
 */
export async function renderReportHtml(aggregate: Aggregate, cells: readonly CellSummary[]): Promise<string> {
  const sections = [await changesSectionHtml(aggregate)];
  for (const [index, table] of aggregate.modes.entries()) {
    sections.push(await modeSectionHtml({ aggregate, cells, mode: table.mode, index }, table));
  }
  return htmlPage(aggregate, sections);
}
