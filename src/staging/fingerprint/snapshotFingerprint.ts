import { join } from "node:path";
import { readTree } from "../../filehash/readTree.js";
import { recentTree } from "../../filehash/recentTrees.js";
import { statTree } from "../../filehash/statTree.js";

/** A snapshot's fingerprint (the prototype's), and how many files and symlinks the tree holds. */
export interface SnapshotFingerprint {
  digest: string;
  files: number;
}

/**
 * The snapshot fingerprint, the prototype's exactly: sha256 over every regular file in the order
 * of Python's `sorted(root.rglob("*"))` (paths compared component by component), each as its
 * relative path, a NUL, its bytes and a NUL. Taken from the scan this process's hasher just made
 * of the tree when that scan read every file or matched a cached scan that did; otherwise the tree
 * is read once, here, without a cache.
 */
export function snapshotFingerprint(root: string): SnapshotFingerprint {
  const recent = recentTree({ root });
  if (recent?.fingerprint !== undefined) return { digest: recent.fingerprint, files: recent.count };
  const tree = statTree(root);
  const pass = readTree(join(root, "/"), tree, () => undefined, true);
  return { digest: pass.fingerprint!, files: tree.rels.length };
}

/**
 * The same, for the fingerprint node's action, which runs right after the engine hashed the
 * snapshot: when that scan read only the files that changed, one more scan through the same hasher
 * reads every file once and leaves the fingerprint in the hasher's cache for next time.
 */
export async function hashedSnapshotFingerprint(root: string): Promise<SnapshotFingerprint> {
  const recent = recentTree({ root });
  if (!recent) return snapshotFingerprint(root);
  if (recent.fingerprint !== undefined) return { digest: recent.fingerprint, files: recent.count };
  const { fingerprint, count } = await recent.readFingerprint();
  return { digest: fingerprint, files: count };
}
