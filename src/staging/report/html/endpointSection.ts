import type { ModeTable } from "../Aggregate.js";
import { escapeHtml } from "./escapeHtml.js";
import { forestFigureHtml } from "./forestFigure.js";
import { forestRows } from "./forestRows.js";
import { endpointTableHtml } from "./verdictTable.js";

/**
 * A mode's rows per request name: the table, then the same changes as a ratio plot. Its rows are
 * compared as the whole is, in the secondary family, never critical.
 */
export async function endpointSectionHtml(table: ModeTable): Promise<string> {
  const heading = `<h3>Per endpoint</h3>`;
  if (table.endpoints.length === 0)
    return `${heading}\n<p class="none">no run in mode ${escapeHtml(table.mode)} recorded figures per request name</p>`;
  const items = table.endpoints.flatMap((e) =>
    e.metrics.map((row) => ({ label: `${e.name} · ${row.metric}`, row })),
  );
  return [
    heading,
    `<p class="facts">The requests of each name of the benchmark, compared round by round as the whole is. These rows are in the secondary family (Holm-adjusted with the other non-critical metrics) and never critical.</p>`,
    endpointTableHtml(table),
    await forestFigureHtml(forestRows(items), "endpoints", `change per endpoint in mode ${table.mode}`),
  ].join("\n");
}
