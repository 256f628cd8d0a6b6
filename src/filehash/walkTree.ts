import { join } from "node:path";
import { isSymlinkMode, statTree, STATS_PER_FILE } from "./statTree.js";

/** A regular file or symlink found under a root, by its `/`-separated relative path. */
export interface TreeEntry {
  rel: string;
  full: string;
  symlink: boolean;
}

/**
 * Every regular file and symlink under `root` that `include` selects and `exclude` does not,
 * in sorted order, excluded folders not entered: `statTree`'s listing, as entries to read.
 */
export function walkTree(
  root: string,
  include: readonly string[] = ["**"],
  exclude: readonly string[] = [],
): TreeEntry[] {
  const { rels, stats } = statTree(root, include, exclude);
  return rels.map((rel, i) => ({
    rel,
    full: join(root, rel),
    symlink: isSymlinkMode(stats[i * STATS_PER_FILE + 4]!),
  }));
}
