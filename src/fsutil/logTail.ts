import { open, stat } from "node:fs/promises";

/** How many lines of a failed deployment's log its error shows. */
export const LOG_TAIL_LINES = 20;
/** At most this much of the end of a log is read for its tail. */
const TAIL_BYTES = 64 * 1024;

/** The size of a file, 0 when it does not exist yet. */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** The last `count` non-empty lines of a text. */
export function lastLines(text: string, count = LOG_TAIL_LINES): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.slice(-count).join("\n");
}

/** The last lines a file got after byte `from` (where this attempt's output began). */
export async function tailFile(path: string, from = 0, count = LOG_TAIL_LINES): Promise<string> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch {
    return "";
  }
  try {
    const size = (await handle.stat()).size;
    const start = Math.max(from, size - TAIL_BYTES);
    const buffer = Buffer.alloc(Math.max(0, size - start));
    await handle.read(buffer, 0, buffer.length, start);
    return lastLines(buffer.toString("utf8"), count);
  } finally {
    await handle.close();
  }
}
