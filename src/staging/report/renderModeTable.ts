import type { ModeTable } from "./Aggregate.js";
import { markdownTable, type Align } from "./markdownTable.js";
import { VERDICT_HEADERS, verdictCells } from "./verdictCells.js";

const ALIGN: Align[] = ["left", "right", "right", "right", "right", "right", "left"];

/** The table of one mode: one row per metric, in the aggregate's order. */
export function renderModeTable(table: ModeTable): string {
  return markdownTable([...VERDICT_HEADERS], table.metrics.map(verdictCells), ALIGN);
}
