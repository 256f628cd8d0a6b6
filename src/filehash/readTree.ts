import { readlinkSync, statSync } from "node:fs";
import { createHash, hash, type Hash } from "node:crypto";
import { BLOCK, hashFile } from "./hashFile.js";
import { withMode } from "./readChunk.js";
import { isSymlinkMode, STATS_PER_FILE, type StattedTree } from "./statTree.js";

/** What one pass over a tree's files gave. */
export interface TreePass {
  /** Relative path -> content hash, in the tree's order. */
  files: Record<string, string>;
  /** The prototype's fingerprint, when every file was read in this pass. */
  fingerprint: string | undefined;
  /** Files read (symlinks count as read). */
  read: number;
}

/**
 * One pass over a listed tree, in its order (the prototype's): each file read at most once feeds
 * both its own content hash (for keys) and, when every file is read, the prototype's snapshot
 * fingerprint: sha256 over each file's relative path, a NUL, its bytes and a NUL. `known(i)` gives
 * the hash of file `i` when its stat numbers say it is unchanged; such a file is not read unless
 * `readAll` is set (the fingerprint needs every byte).
 */
export function readTree(
  base: string,
  tree: StattedTree,
  known: (i: number) => string | undefined,
  readAll: boolean,
): TreePass {
  const cached = readAll ? [] : tree.rels.map((_, i) => known(i));
  const stream = readAll || cached.every((h) => h === undefined) ? createHash("sha256") : undefined;
  const buffer = Buffer.allocUnsafe(BLOCK);
  const files: Record<string, string> = {};
  let read = 0;
  tree.rels.forEach((rel, i) => {
    const reuse = cached[i];
    if (reuse === undefined) read++;
    files[rel] = reuse ?? readOne(base, tree, i, buffer, stream);
  });
  return { files, fingerprint: stream?.digest("hex"), read };
}

/**
 * Reads file `i` of a tree: its content hash, and its part of the fingerprint `stream`. A
 * symlink's own hash is that of its target text; in the fingerprint, as in the prototype (which
 * followed links with `is_file()` and `read_bytes()`), a link to a regular file stands for that
 * file's bytes, and a link to anything else is left out.
 */
export function readOne(
  base: string,
  { rels, stats }: StattedTree,
  i: number,
  buffer: Buffer,
  stream: Hash | undefined,
): string {
  const rel = rels[i]!;
  const full = base + rel;
  const mode = stats[i * STATS_PER_FILE + 4]!;
  if (isSymlinkMode(mode)) {
    if (stream && statSync(full, { throwIfNoEntry: false })?.isFile()) {
      stream.update(rel + "\0");
      hashFile(full, Infinity, buffer, stream);
      stream.update("\0");
    }
    return "@" + hash("sha256", readlinkSync(full), "hex");
  }
  stream?.update(rel + "\0");
  const digest = hashFile(full, stats[i * STATS_PER_FILE + 1]!, buffer, stream);
  stream?.update("\0");
  return withMode(digest, mode);
}
