import type { Aggregate } from "../Aggregate.js";
import { forestFigureHtml } from "./forestFigure.js";
import { forestRows } from "./forestRows.js";
import { intervalLevels } from "../verdictCells.js";

/**
 * The top of the report: every metric of every mode as a ratio candidate / baseline with its
 * interval, in one forest plot, so the whole campaign reads at a glance before the tables.
 */
export async function changesSectionHtml(aggregate: Aggregate): Promise<string> {
  const items = aggregate.modes.flatMap((table) =>
    table.metrics.map((row) => ({ label: `${table.mode} · ${row.metric}${row.critical ? " *" : ""}`, row })),
  );
  const level = intervalLevels(aggregate);
  return [
    `<section id="changes">`,
    `<h2>Changes</h2>`,
    `<p class="facts">Per mode and metric: the change candidate / baseline over the paired rounds (dot) and its ${level.shown}% interval (bar; an equivalent row's ${level.equivalence}% equivalence interval), the grey band the metric's noise band. Left of 1 is less, right of 1 is more: lower is better for latency, failures, memory and CPU, higher for throughput. <code>*</code> critical.</p>`,
    await forestFigureHtml(forestRows(items), "changes", "change of every metric, candidate / baseline"),
    `</section>`,
  ].join("\n");
}
