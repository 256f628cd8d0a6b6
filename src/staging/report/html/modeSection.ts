import type { InvalidRun, ModeTable } from "../Aggregate.js";
import { distributionSectionHtml } from "./distributionSection.js";
import { endpointSectionHtml } from "./endpointSection.js";
import { escapeHtml } from "./escapeHtml.js";
import { modeNotes } from "../modeNotes.js";
import { metricFigureHtml } from "./metricFigure.js";
import type { ModeContext } from "./metricFigure.js";
import { verdictTableHtml } from "./verdictTable.js";

/**
 * One platform mode: its verdict table, its rows per request name, the latency distributions, a
 * figure per metric (in the table's order; everything rendered one after another, so the output
 * never depends on timing) and its invalid runs with their reasons.
 */
export async function modeSectionHtml(context: ModeContext, table: ModeTable): Promise<string> {
  const figures: string[] = [];
  for (const row of table.metrics) figures.push(await metricFigureHtml(context, row));
  const invalid = context.aggregate.invalid_runs.filter((run) => run.mode === context.mode);
  return [
    `<section class="mode" id="mode-${context.index}">`,
    `<h2>Mode <code>${escapeHtml(context.mode)}</code></h2>`,
    verdictTableHtml(table),
    notesHtml(modeNotes(table)),
    await endpointSectionHtml(table),
    await distributionSectionHtml(context, table),
    `<h3>Runs</h3>`,
    `<div class="figures">\n${figures.join("\n")}\n</div>`,
    `<h3>Invalid runs in <code>${escapeHtml(context.mode)}</code></h3>`,
    invalidRunsHtml(invalid),
    "</section>",
  ].join("\n");
}

/** The invalid runs, each with its version, round, run index and every reason; `none` if none. */
export function invalidRunsHtml(runs: readonly InvalidRun[]): string {
  if (runs.length === 0) return `<p class="none">none</p>`;
  const items = runs.map((run) => {
    const reasons = run.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join("");
    const where = `<code>${escapeHtml(run.version)}</code> round ${run.round} (run ${run.run_index})`;
    return `<li class="invalid-run">${where}<ul class="reasons">${reasons}</ul></li>`;
  });
  return `<ul class="invalid-runs">\n${items.join("\n")}\n</ul>`;
}

/** The mode's notes as a list, backticked names as code; nothing when there are none. */
function notesHtml(notes: readonly string[]): string {
  if (notes.length === 0) return "";
  const items = notes.map((note) => `<li>${escapeHtml(note).replace(/`([^`]*)`/g, "<code>$1</code>")}</li>`);
  return `<ul class="notes">\n${items.join("\n")}\n</ul>`;
}
