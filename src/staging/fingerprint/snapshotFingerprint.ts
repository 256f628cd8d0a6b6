import { join } from "node:path";
import { readTree } from "../../filehash/readTree.js";
import { recentTree, type TreeFingerprint } from "../../filehash/recentTrees.js";
import { treeDigest } from "../../engine/InputManifest.js";
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
  const { fingerprint, count } = readWhole(root);
  return { digest: fingerprint, files: count };
}

/**
 * The same, for the fingerprint node's action, from the scan that made its key (`keyDigest`, the
 * snapshot's digest in that key): when that scan read only the files that changed, one more scan
 * through the same hasher reads every file once and leaves the fingerprint in the hasher's cache
 * for next time. `keyed` says whether what it returns is the fingerprint of exactly the tree the
 * key describes: the engine then need not scan the snapshot again after the action
 * (`outputFromKey`); when the snapshot changed in between, the task says so (`inputsChanged`).
 */
export async function hashedSnapshotFingerprint(
  root: string,
  keyDigest: string,
): Promise<SnapshotFingerprint & { keyed: boolean }> {
  const recent = recentTree({ root });
  const found =
    recent?.digest === keyDigest && recent.fingerprint !== undefined
      ? { fingerprint: recent.fingerprint, count: recent.count, digest: recent.digest }
      : recent
        ? await recent.readFingerprint()
        : readWhole(root);
  return { digest: found.fingerprint, files: found.count, keyed: found.digest === keyDigest };
}

/** Every file read here, for the fingerprint and the per-file hashes at once. */
function readWhole(root: string): TreeFingerprint {
  const tree = statTree(root);
  const pass = readTree(join(root, "/"), tree, () => undefined, true);
  return { fingerprint: pass.fingerprint!, count: tree.rels.length, digest: treeDigest(pass.files) };
}
