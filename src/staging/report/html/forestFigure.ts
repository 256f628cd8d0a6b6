import { compileToSvg } from "./compileToSvg.js";
import { escapeHtml } from "./escapeHtml.js";
import { forestPlotSpec } from "./forestPlotSpec.js";
import type { ForestRows } from "./forestRows.js";
import { svgTitles } from "./svgTitles.js";

/**
 * A ratio plot in its figure, with the rows it could not draw listed under it. The figure says what
 * it draws (`data-rows`, `data-intervals`), which the browser test counts.
 */
export async function forestFigureHtml(forest: ForestRows, kind: string, title: string): Promise<string> {
  const { rows, notDrawn } = forest;
  const intervals = rows.filter((row) => row.lo !== null && row.hi !== null).length;
  const plot =
    rows.length === 0
      ? `<p class="no-plot">no change on the ratio scale to draw</p>`
      : `<div class="plot">${svgTitles(await compileToSvg(forestPlotSpec(rows, title)))}</div>`;
  const rest =
    notDrawn.length === 0
      ? ""
      : `\n<p class="not-drawn">Not on the ratio axis: ${notDrawn.map(escapeHtml).join("; ")}.</p>`;
  return `<figure class="forest" data-kind="${escapeHtml(kind)}" data-rows="${rows.length}" data-intervals="${intervals}">\n${plot}${rest}\n</figure>`;
}
