import { lstat, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { StagingError } from "../../errors/index.js";
import { copySnapshot } from "../versions/copySnapshot.js";
import type { NewEntry } from "./NewEntry.js";

/**
 * Writes every entry under `root`, or nothing: an entry whose path exists already refuses the
 * whole set (E_INIT_EXISTS, naming each), and a write that fails halfway removes what was written.
 */
export async function writeNewEntries(root: string, entries: readonly NewEntry[]): Promise<void> {
  const existing: string[] = [];
  for (const entry of entries) if (await exists(join(root, entry.path))) existing.push(entry.path);
  if (existing.length > 0) {
    throw new StagingError("staging init would overwrite what is there", {
      code: "E_INIT_EXISTS",
      facts: { folder: root, exists: outermost(existing).join(", "), expected: "a folder without them" },
      hint: "run it in an empty folder, or move them away; nothing was written",
    });
  }
  const made: string[] = [];
  try {
    for (const entry of entries) {
      const path = join(root, entry.path);
      await makeParents(root, dirname(path), made);
      made.push(path);
      if ("content" in entry) await writeFile(path, entry.content, { flag: "wx" });
      else if ("tree" in entry) await copySnapshot(entry.tree, path);
      else await mkdir(path);
    }
  } catch (error) {
    for (const path of made.reverse()) await rm(path, { recursive: true, force: true });
    throw error;
  }
}

/** Creates the missing folders from `root` down to `dir`, remembering each for the undo. */
async function makeParents(root: string, dir: string, made: string[]): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; relative(root, d) !== "" && !(await exists(d)); d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    await mkdir(d);
    made.push(d);
  }
}

/** The paths not inside another one of them, folders marked with a `/`: what a listing names. */
export function outermost(
  paths: readonly string[],
  isFolder: (path: string) => boolean = () => false,
): string[] {
  const inside = (p: string, q: string) => p !== q && p.startsWith(`${q}/`);
  return paths.filter((p) => !paths.some((q) => inside(p, q))).map((p) => (isFolder(p) ? `${p}/` : p));
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null)) !== null;
}
