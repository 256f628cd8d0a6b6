import { writeSync } from "node:fs";
import { utf8Chunks } from "./utf8Chunks.js";

/**
 * Writes texts and bytes to `fd`, in order and in full. A text goes out in UTF-8 chunks
 * (`utf8Chunks`), never encoded whole: a large tree's file map is not copied once more for it.
 */
export function writeParts(fd: number, parts: readonly (string | Uint8Array)[]): void {
  for (const part of parts)
    for (const bytes of typeof part === "string" ? utf8Chunks(part) : [part])
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}
