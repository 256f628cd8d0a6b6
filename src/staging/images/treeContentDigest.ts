import { createHash } from "node:crypto";
import { lstatSync, readFileSync, readlinkSync } from "node:fs";
import { walkTree } from "../../filehash/walkTree.js";

/** Digest of a folder's paths, contents and executable bits: the identity of a built artifact. */
export function treeContentDigest(root: string): { digest: string; files: number } {
  const hash = createHash("sha256");
  const entries = walkTree(root);
  for (const entry of entries) {
    const executable = (lstatSync(entry.full).mode & 0o111) !== 0;
    hash.update(`${entry.rel}\0${entry.symlink ? "l" : executable ? "x" : "f"}\0`);
    hash.update(entry.symlink ? readlinkSync(entry.full) : readFileSync(entry.full));
    hash.update("\0");
  }
  return { digest: hash.digest("hex"), files: entries.length };
}
