import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import picomatch from "picomatch";

/** Numbers kept per file: inode, size, mtime, ctime, mode. */
export const STATS_PER_FILE = 5;

/** The regular files and symlinks of a tree, sorted by relative path, with their stat numbers. */
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
 * selects and `exclude` does not, sorted by relative path; excluded folders are not entered. A
 * no-op `make` spends its time here, so it keeps no per-entry objects: one lstat per entry gives
 * both its kind and the numbers the stat cache compares.
 */
export function statTree(
  root: string,
  include: readonly string[] = ["**"],
  exclude: readonly string[] = [],
): StattedTree {
  const all = include.length === 1 && include[0] === "**";
  const isIncluded = all ? () => true : picomatch([...include], { dot: true });
  const isExcluded = exclude.length === 0 ? () => false : picomatch([...exclude], { dot: true });
  const rels: string[] = [];
  const numbers: number[] = [];
  let hardLinked = false;
  const visit = (dir: string, prefix: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && prefix === "") return;
      throw error;
    }
    // A name that is not UTF-8 comes back mangled, its lstat would fail, and the file would be
    // skipped as if deleted: refuse instead. U+FFFD is what mangling leaves behind.
    if (names.some((name) => name.includes("\uFFFD"))) assertUtf8Names(dir);
    for (const name of names) {
      const rel = prefix + name;
      if (isExcluded(rel)) continue;
      const full = dir + name;
      // Gone since the listing: as if listed a moment later.
      const st = lstatSync(full, { throwIfNoEntry: false });
      if (!st) continue;
      const kind = st.mode & S_IFMT;
      if (kind === S_IFDIR) visit(full + "/", rel + "/");
      else if ((kind === S_IFREG || kind === S_IFLNK) && isIncluded(rel)) {
        rels.push(rel);
        numbers.push(st.ino, st.size, st.mtimeMs, st.ctimeMs, st.mode);
        if (kind === S_IFREG && st.nlink > 1) hardLinked = true;
      }
    }
  };
  visit(join(root, "/"), "");
  const order = rels.map((_, i) => i).sort((a, b) => (rels[a]! < rels[b]! ? -1 : 1));
  const stats = new Float64Array(order.length * STATS_PER_FILE);
  order.forEach((from, to) => {
    for (let k = 0; k < STATS_PER_FILE; k++)
      stats[to * STATS_PER_FILE + k] = numbers[from * STATS_PER_FILE + k]!;
  });
  return { rels: order.map((i) => rels[i]!), stats, hardLinked };
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
