import type { FileInput } from "../engine/TaskNode.js";

/** A tree's prototype fingerprint, how many files and symlinks it holds, and its digest as a key input. */
export interface TreeFingerprint {
  fingerprint: string;
  count: number;
  digest: string;
}

/** What this process's hasher found in a tree the last time it hashed it. */
export interface RecentTree {
  digest: string;
  count: number;
  /** Known when that scan, or the cached scan it matched, read every file. */
  fingerprint: string | undefined;
  /** One more scan through the same hasher that reads every file, and keeps the result in its cache. */
  readFingerprint(): Promise<TreeFingerprint>;
}

type Selection = Pick<FileInput, "root" | "include" | "exclude">;

const recent = new Map<string, RecentTree>();

/**
 * The hasher notes each tree it hashes, so that a task whose action needs more than the key can
 * take it from the scan its key came from instead of reading the tree again: the fingerprint
 * task's action runs right after the engine hashed the same input, and checks that what it takes
 * has the digest its key was made from.
 */
export function noteRecentTree(input: Selection, tree: RecentTree): void {
  recent.set(selectionKey(input), tree);
}

/** The last scan of exactly this root and selection in this process, if there was one. */
export function recentTree(input: Selection): RecentTree | undefined {
  return recent.get(selectionKey(input));
}

/** The same root read with other globs is another tree. */
export function selectionKey(input: Selection): string {
  return JSON.stringify([input.root, input.include ?? null, input.exclude ?? null]);
}
