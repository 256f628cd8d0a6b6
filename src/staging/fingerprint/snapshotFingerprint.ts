import { createHash } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import { walkTree } from "../../filehash/walkTree.js";

/**
 * The snapshot fingerprint, compatible with the prototype's: sha256 over the sorted relative
 * paths, each followed by a NUL, the file's bytes and a NUL. A symlink contributes its target
 * text (the prototype followed links; links inside a snapshot are rare and must stay inside).
 */
export function snapshotFingerprint(root: string): { digest: string; files: number } {
  const hash = createHash("sha256");
  const entries = walkTree(root);
  for (const entry of entries) {
    hash.update(entry.rel);
    hash.update("\0");
    hash.update(entry.symlink ? readlinkSync(entry.full) : readFileSync(entry.full));
    hash.update("\0");
  }
  return { digest: hash.digest("hex"), files: entries.length };
}
