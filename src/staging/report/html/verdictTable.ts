import type { MetricRow, ModeTable } from "../Aggregate.js";
import { VERDICT_HEADERS, verdictCells } from "../verdictCells.js";
import { escapeHtml } from "./escapeHtml.js";

/** The table of one mode: the same cells as report.md, the verdict as a coloured badge. */
export function verdictTableHtml(table: ModeTable): string {
  const head = VERDICT_HEADERS.map((header) => `<th>${escapeHtml(header)}</th>`).join("");
  const rows = table.metrics.map((row) => {
    const cells = verdictCells(row).map((cell, c) =>
      c === VERDICT_HEADERS.length - 1 ? verdictBadge(row, cell) : td(cell, c),
    );
    return `<tr>${cells.join("")}</tr>`;
  });
  return `<table class="verdicts">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

/**
 * The table of a mode's request names: a row per name and metric with every column of the verdict
 * table (the medians too, which report.md leaves out to fit 100 columns).
 */
export function endpointTableHtml(table: ModeTable): string {
  const head = ["endpoint", ...VERDICT_HEADERS].map((header) => `<th>${escapeHtml(header)}</th>`).join("");
  const rows = table.endpoints.flatMap((endpoint) =>
    endpoint.metrics.map((row) => {
      const cells = verdictCells(row).map((cell, c) =>
        c === VERDICT_HEADERS.length - 1 ? verdictBadge(row, cell) : td(cell, c),
      );
      const name = `<td>${escapeHtml(endpoint.name)}</td>`;
      return `<tr class="endpoint-row" data-endpoint="${escapeHtml(endpoint.name)}">${name}${cells.join("")}</tr>`;
    }),
  );
  return `<table class="verdicts endpoints">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

/** CSS class of a verdict: `v-improved`, `v-regressed`, `v-same` (equivalent), `v-open`, `v-few`, `v-na`. */
export function verdictClass(verdict: MetricRow["verdict"]): string {
  const names: Record<MetricRow["verdict"], string> = {
    improved: "improved",
    regressed: "regressed",
    equivalent: "same",
    inconclusive: "open",
    "too few rounds": "few",
    "n/a": "na",
  };
  return `v v-${names[verdict]}`;
}

function td(text: string, column: number): string {
  return column === 0 ? `<td>${escapeHtml(text)}</td>` : `<td class="num">${escapeHtml(text)}</td>`;
}

function verdictBadge(row: MetricRow, text: string): string {
  return `<td><span class="${verdictClass(row.verdict)}">${escapeHtml(text)}</span></td>`;
}
