import { closeSync, openSync, readSync } from "node:fs";
import { createHash, hash, type Hash } from "node:crypto";

/** Files are read in blocks of this size at most: memory stays bounded whatever their size. */
export const BLOCK = 1 << 20;

/**
 * The sha256 of a file's bytes, also fed to `stream`, read through `buffer` (at least `BLOCK`
 * long). A file no larger than a block, by its size when listed, is read with one call; a file
 * that grew since is then hashed short, and its new stat numbers make the engine's check after the
 * action, and the next scan, read it again.
 */
export function hashFile(full: string, size: number, buffer: Buffer, stream?: Hash): string {
  const fd = openSync(full, "r");
  try {
    if (size <= BLOCK) {
      const bytes = buffer.subarray(0, readUpTo(fd, buffer, 0, size));
      stream?.update(bytes);
      return hash("sha256", bytes, "hex");
    }
    const own = createHash("sha256");
    for (
      let got = readSync(fd, buffer, 0, BLOCK, null);
      got > 0;
      got = readSync(fd, buffer, 0, BLOCK, null)
    ) {
      const bytes = buffer.subarray(0, got);
      own.update(bytes);
      stream?.update(bytes);
    }
    return own.digest("hex");
  } finally {
    closeSync(fd);
  }
}

/** Reads up to `size` bytes of an open file into `into` at `at`; fewer at its end. */
export function readUpTo(fd: number, into: Uint8Array, at: number, size: number): number {
  let n = 0;
  for (let got = -1; n < size && got !== 0; n += got) got = readSync(fd, into, at + n, size - n, null);
  return n;
}
