/** The columns of the terminal, or 80 where it reports none (undefined, or 0 as some emulators do). */
export function terminalWidth(columns: number | undefined): number {
  return columns !== undefined && Number.isInteger(columns) && columns > 0 ? columns : 80;
}

/** `text` cut to fit `width` columns on one line, with `…` where it was cut. */
export function fitLine(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width - 1 ? text : `${chars.slice(0, Math.max(0, width - 2)).join("")}…`;
}
