import type { ModeTable } from "../../../../../src/staging/report/index.js";
import { renderModeTable } from "../../../../../src/staging/report/renderModeTable.js";

/** The body cells of report.md's table of a mode, parsed back from its Markdown (medians in one cell). */
export function markdownCells(table: ModeTable): string[][] {
  return renderModeTable(table)
    .split("\n")
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(" | ")
        .map((cell) => cell.trim().replace(/\\\|/g, "|")),
    );
}
