import { readdirSync } from "node:fs";
import { join } from "node:path";
import picomatch from "picomatch";

/** A regular file or symlink found under a root, by its `/`-separated relative path. */
export interface TreeEntry {
  rel: string;
  full: string;
  symlink: boolean;
}

/**
 * Every regular file and symlink under `root` that `include` selects and `exclude` does not,
 * in sorted order. Excluded folders are not entered. The file hasher lists with `statTree`, which
 * selects and orders the same way (a test holds them together) and stats in the same pass.
 */
export function walkTree(
  root: string,
  include: readonly string[] = ["**"],
  exclude: readonly string[] = [],
): TreeEntry[] {
  const all = include.length === 1 && include[0] === "**";
  const isIncluded = all ? () => true : picomatch([...include], { dot: true });
  const isExcluded = exclude.length === 0 ? () => false : picomatch([...exclude], { dot: true });
  const out: TreeEntry[] = [];
  const visit = (dir: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && prefix === "") return;
      throw error;
    }
    for (const entry of entries) {
      const rel = prefix + entry.name;
      if (isExcluded(rel)) continue;
      if (entry.isDirectory()) visit(join(dir, entry.name), rel + "/");
      else if ((entry.isFile() || entry.isSymbolicLink()) && isIncluded(rel)) {
        out.push({ rel, full: join(dir, entry.name), symlink: entry.isSymbolicLink() });
      }
    }
  };
  visit(root, "");
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}
