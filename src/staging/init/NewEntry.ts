import type { SnapshotPlan } from "../versions/copySnapshot.js";

/** One thing `staging init` writes, at a path relative to the project folder. */
export type NewEntry =
  | { path: string; content: string }
  /** A tree copied as it is planned (modes and symlinks kept). */
  | { path: string; tree: SnapshotPlan }
  /** An empty folder. */
  | { path: string; folder: true };
