import { closeSync, openSync, readlinkSync } from "node:fs";
import { hash } from "node:crypto";
import { BLOCK, hashFile, readUpTo } from "./hashFile.js";
import { isSymlinkMode } from "./statTree.js";

/** A run of a tree's files for a hash worker to read, in the tree's order. */
export interface ReadChunk {
  base: string;
  rels: string[];
  /** Size when listed, then mode, per file. */
  sizesAndModes: number[];
  /**
   * For the prototype's fingerprint: a buffer to fill with `path NUL bytes NUL` of every file (regular
   * files only), in order, large enough for their sizes when listed. It goes back with the answer.
   */
  stream?: ArrayBuffer;
}

/** Each file's content hash, and the stream buffer with how much of it was filled. */
export interface ReadChunkResult {
  digests: string[];
  stream?: { buffer: ArrayBuffer; length: number };
}

/** Bytes of a chunk's stream: its paths with their NULs and its files' sizes. */
export function streamBytes(rels: readonly string[], sizes: (i: number) => number): number {
  return rels.reduce((sum, rel, i) => sum + Buffer.byteLength(rel) + 2 + sizes(i), 0);
}

/**
 * Reads a chunk of files once each. For a stream, each file is read straight into the caller's
 * buffer, which goes back to be hashed into the fingerprint in the tree's order and then lent out
 * again: the threads read in parallel, the fingerprint stays one sequential hash, and no memory
 * is made per chunk.
 */
export function readChunk(chunk: ReadChunk): ReadChunkResult {
  const { base, rels, sizesAndModes } = chunk;
  const digests: string[] = [];
  if (!chunk.stream) {
    const buffer = Buffer.allocUnsafe(BLOCK);
    rels.forEach((rel, i) => {
      const mode = sizesAndModes[2 * i + 1]!;
      const full = base + rel;
      if (isSymlinkMode(mode)) digests.push("@" + hash("sha256", readlinkSync(full), "hex"));
      else digests.push(withMode(hashFile(full, sizesAndModes[2 * i]!, buffer, undefined), mode));
    });
    return { digests };
  }
  const bytes = new Uint8Array(chunk.stream);
  let at = 0;
  rels.forEach((rel, i) => {
    at += Buffer.from(chunk.stream!, at).write(rel + "\0");
    const fd = openSync(base + rel, "r");
    let n: number;
    try {
      n = readUpTo(fd, bytes, at, sizesAndModes[2 * i]!);
    } finally {
      closeSync(fd);
    }
    digests.push(withMode(hash("sha256", bytes.subarray(at, at + n), "hex"), sizesAndModes[2 * i + 1]!));
    at += n;
    bytes[at++] = 0;
  });
  return { digests, stream: { buffer: chunk.stream, length: at } };
}

/** An executable file's hash is marked, so that a mode change alone changes the key. */
export function withMode(digest: string, mode: number): string {
  return (mode & 0o111) !== 0 ? digest + "+x" : digest;
}
