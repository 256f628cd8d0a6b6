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
  /** Also return the bytes the prototype's fingerprint takes from these files (regular files only). */
  stream: boolean;
}

/** Each file's content hash, and, for a stream, `path NUL bytes NUL` of every file, in order. */
export interface ReadChunkResult {
  digests: string[];
  bytes?: Uint8Array;
}

/**
 * Reads a chunk of files once each. For a stream, each file is read straight into the bytes that
 * go back to the caller, which hashes them into the fingerprint in the tree's order: the threads
 * read in parallel, the fingerprint stays one sequential hash.
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
      else digests.push(withMode(hashFile(full, sizesAndModes[2 * i]!, buffer), mode));
    });
    return { digests };
  }
  const names = rels.map((rel) => Buffer.from(rel + "\0"));
  const capacity = names.reduce((sum, name, i) => sum + name.length + sizesAndModes[2 * i]! + 1, 0);
  const bytes = new Uint8Array(new ArrayBuffer(capacity));
  let at = 0;
  rels.forEach((rel, i) => {
    bytes.set(names[i]!, at);
    at += names[i]!.length;
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
  return { digests, bytes: bytes.subarray(0, at) };
}

/** An executable file's hash is marked, so that a mode change alone changes the key. */
export function withMode(digest: string, mode: number): string {
  return (mode & 0o111) !== 0 ? digest + "+x" : digest;
}
