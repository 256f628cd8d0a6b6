import { createHash } from "node:crypto";
import { readlinkSync } from "node:fs";
import { join } from "node:path";
import { BLOCK, hashFile } from "../../filehash/hashFile.js";
import { isSymlinkMode, statTree, STATS_PER_FILE } from "../../filehash/statTree.js";

/**
 * Digest of a folder's paths, contents and executable bits: the identity of a built artifact.
 * Paths in the order of a plain string sort, as this digest has always been (artifacts already
 * built keep their names); each file is streamed once, so a large executable is never in memory whole.
 */
export function treeContentDigest(root: string): { digest: string; files: number } {
  const hash = createHash("sha256");
  const { rels, stats } = statTree(root);
  const order = rels.map((_, i) => i).sort((a, b) => (rels[a]! < rels[b]! ? -1 : 1));
  const buffer = Buffer.allocUnsafe(BLOCK);
  for (const i of order) {
    const full = join(root, rels[i]!);
    const mode = stats[i * STATS_PER_FILE + 4]!;
    const symlink = isSymlinkMode(mode);
    hash.update(`${rels[i]}\0${symlink ? "l" : (mode & 0o111) !== 0 ? "x" : "f"}\0`);
    if (symlink) hash.update(readlinkSync(full));
    else hashFile(full, stats[i * STATS_PER_FILE + 1]!, buffer, hash);
    hash.update("\0");
  }
  return { digest: hash.digest("hex"), files: rels.length };
}
