/** Alignment of a table column. */
export type Align = "left" | "right";

/**
 * A Markdown table whose columns are padded to a common width, so it reads the same in a terminal
 * as rendered in a pull request. Pipes in cells are escaped, line breaks become spaces.
 */
export function markdownTable(
  headers: readonly string[],
  rows: readonly string[][],
  align: readonly Align[],
): string {
  const cells = [headers, ...rows].map((row) => headers.map((_, c) => escapeCell(row[c] ?? "")));
  const widths = headers.map((_, c) => Math.max(3, ...cells.map((row) => width(row[c] ?? ""))));
  const line = (row: readonly string[]): string =>
    `| ${row.map((cell, c) => pad(cell, widths[c] ?? 3, align[c] ?? "left")).join(" | ")} |`;
  const rule = `| ${widths.map((w, c) => (align[c] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  const [head = [], ...body] = cells;
  return [line(head), rule, ...body.map(line)].join("\n");
}

function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, align: Align): string {
  const fill = " ".repeat(Math.max(0, size - width(text)));
  return align === "right" ? fill + text : text + fill;
}
