import type { ModeTable } from "./Aggregate.js";
import { markdownTable, type Align } from "./markdownTable.js";
import { COMPACT_HEADERS, compactCells, ENDPOINT_HEADERS, endpointRowCells } from "./verdictCells.js";

const ALIGN: Align[] = ["left", "right", "right", "right", "right", "left"];
const ENDPOINT_ALIGN: Align[] = ["left", "left", "right", "right", "right", "left"];

/**
 * The table of one mode: one row per metric, in the aggregate's order, the verdict table's cells
 * with both medians in one column (`baseline → candidate`), so that it fits 100 columns.
 */
export function renderModeTable(table: ModeTable): string {
  return markdownTable([...COMPACT_HEADERS], table.metrics.map(compactCells), ALIGN);
}

/**
 * The compact table of a mode's request names: a row per name and metric with the change, its
 * interval, the rounds for and against, p and the verdict (the medians are in report.json and
 * report.html), so that it fits 100 columns beside the main table.
 */
export function renderEndpointTable(table: ModeTable): string {
  const rows = table.endpoints.flatMap((e) => e.metrics.map((row) => endpointRowCells(e.name, row)));
  return markdownTable([...ENDPOINT_HEADERS], rows, ENDPOINT_ALIGN);
}
