import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import type picomatchType from "picomatch";

/** Numbers kept per file: inode, size, mtime, ctime, mode. */
export const STATS_PER_FILE = 5;

/**
 * The regular files and symlinks of a tree, in the prototype's fingerprint order (see `statTree`),
 * with their stat numbers.
 */
export interface StattedTree {
  rels: string[];
  /** `STATS_PER_FILE` numbers per file, in the order of `rels`. */
  stats: Float64Array;
  /** Some file has another hard link, through which it can change unseen by a watcher of this tree. */
  hardLinked: boolean;
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

/**
 * Lists and stats a tree in one pass: every regular file and symlink under `root` that `include`
 * selects and `exclude` does not, excluded folders not entered. The order is the prototype's
 * fingerprint order: each folder's names sorted by code point, a subfolder's files at its name's
 * place, which is what comparing paths component by component gives (`a/b` before `a-b` and
 * `a.b`). A no-op `make` spends its time here, so it keeps no per-entry objects: one lstat per
 * entry gives both its kind and the numbers the stat cache compares.
 */
export function statTree(
  root: string,
  include: readonly string[] = ["**"],
  exclude: readonly string[] = [],
): StattedTree {
  return statPart(root, include, exclude).tree;
}

/** A folder of a tree left for another thread to list: its files come before `rels[before]`. */
export interface TreeUnit {
  before: number;
  /** The folder's path relative to the root, with a trailing `/`. */
  prefix: string;
}

/**
 * `statTree` for part of a tree, so that threads can share one: only the folder `prefix` (relative
 * to `root`, with a trailing `/`; all of it by default), and, with `splitDepth`, folders that deep
 * below it are not entered but returned as units, each to be listed the same way with its prefix.
 */
export function statPart(
  root: string,
  include: readonly string[],
  exclude: readonly string[],
  { prefix = "", splitDepth = Infinity }: { prefix?: string; splitDepth?: number } = {},
): { tree: StattedTree; units: TreeUnit[] } {
  const all = include.length === 1 && include[0] === "**";
  const isIncluded = all ? () => true : matcher(include);
  const isExcluded = exclude.length === 0 ? () => false : matcher(exclude);
  const rels: string[] = [];
  const numbers: number[] = [];
  const units: TreeUnit[] = [];
  let hardLinked = false;
  const visit = (dir: string, rel0: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      // A missing root is an empty tree; a folder gone since it was listed, as if listed later.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    // A name that is not UTF-8 comes back mangled, its lstat would fail, and the file would be
    // skipped as if deleted: refuse instead. U+FFFD is what mangling leaves behind.
    if (names.some((name) => name.includes("\uFFFD"))) assertUtf8Names(dir);
    sortByCodePoint(names);
    for (const name of names) {
      const rel = rel0 + name;
      if (isExcluded(rel)) continue;
      const full = dir + name;
      // Gone since the listing: as if listed a moment later.
      const st = lstatSync(full, { throwIfNoEntry: false });
      if (!st) continue;
      const kind = st.mode & S_IFMT;
      if (kind === S_IFDIR) {
        if (depth + 1 < splitDepth) visit(full + "/", rel + "/", depth + 1);
        else units.push({ before: rels.length, prefix: rel + "/" });
      } else if ((kind === S_IFREG || kind === S_IFLNK) && isIncluded(rel)) {
        rels.push(rel);
        numbers.push(st.ino, st.size, st.mtimeMs, st.ctimeMs, st.mode);
        if (kind === S_IFREG && st.nlink > 1) hardLinked = true;
      }
    }
  };
  visit(join(root, "/") + prefix, prefix, 0);
  return { tree: { rels, stats: Float64Array.from(numbers), hardLinked }, units };
}

/** Loaded only for a selection: a hash worker that lists whole trees starts without it. */
function matcher(globs: readonly string[]): (path: string) => boolean {
  const picomatch = createRequire(import.meta.url)("picomatch") as typeof picomatchType;
  return picomatch([...globs], { dot: true });
}

/** Sorts names by code point. JavaScript's default sort compares UTF-16 units, which differs only
 *  where a name holds a character beyond U+FFFF next to one of U+E000-U+FFFF. */
function sortByCodePoint(names: string[]): void {
  names.sort();
  if (names.some((name) => /[\uD800-\uFFFF]/.test(name))) names.sort(compareCodePoints);
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function assertUtf8Names(dir: string): void {
  for (const raw of readdirSync(dir, { encoding: "buffer" })) {
    if (Buffer.from(raw.toString("utf8"), "utf8").equals(raw)) continue;
    throw Object.assign(
      new Error(
        `${dir}${raw.toString("latin1")}: the file name is not valid UTF-8 (bytes ${raw.toString("hex")}); rename it`,
      ),
      { code: "EILSEQ" },
    );
  }
}

/** Whether a file's stat numbers say it is a symlink. */
export function isSymlinkMode(mode: number): boolean {
  return (mode & S_IFMT) === S_IFLNK;
}
