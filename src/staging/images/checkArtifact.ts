import { join, resolve } from "node:path";
import { statTree, STATS_PER_FILE } from "../../filehash/statTree.js";
import { loadTreeStatCache, writeTreeStatCache } from "../../filehash/TreeStatCache.js";
import { treeContentDigest } from "./treeContentDigest.js";

/** Stat numbers this close to the cache's write are not trusted (coarse file timestamps). */
const RACY_WINDOW_MS = 2000;

export type ArtifactCheck = { ok: true } | { ok: false; reason: "artifact-missing" | "artifact-changed" };

/**
 * The live check of a built artifact: its folder still holds exactly the content it was filed
 * under (`digest`, see `treeContentDigest`). Cheap when nothing changed: the folder is listed and
 * statted, and when every (inode, size, mtime, ctime, mode) matches the stat cache of its last
 * verified read, no file is read. Otherwise the files are read and digested again; a match renews
 * the cache. `image_ref` is the artifact folder relative to the workspace, `image_id` its digest;
 * `.staging/filecache` holds one small cache file per artifact digest.
 */
export async function checkArtifact(
  at: { workspaceRoot: string; stagingDir: string },
  artifact: { image_ref: string; image_id: string },
): Promise<ArtifactCheck> {
  const dir = resolve(at.workspaceRoot, artifact.image_ref);
  const digest = artifact.image_id;
  const cacheDir = join(at.stagingDir, "filecache");
  const startedAtMs = Date.now();
  const tree = statTree(dir);
  if (tree.rels.length === 0) return { ok: false, reason: "artifact-missing" };
  const cachePath = join(cacheDir, `artifact-${digest.slice(0, 32)}.bin`);
  const rels = tree.rels.join("\0");
  const cache = await loadTreeStatCache(cachePath);
  if (
    cache &&
    cache.digest === digest &&
    cache.rels === rels &&
    sameStats(tree.stats, cache.stats, cache.writtenAtMs)
  )
    return { ok: true };
  if (treeContentDigest(dir).digest !== digest) return { ok: false, reason: "artifact-changed" };
  const { stats, hardLinked } = tree;
  await writeTreeStatCache(cachePath, {
    writtenAtMs: startedAtMs,
    rels,
    count: tree.rels.length,
    stats,
    hardLinked,
    json: "",
    digest,
  }).catch(() => {
    // Only a cache: the next check reads the files again.
  });
  return { ok: true };
}

function sameStats(now: Float64Array, cached: Float64Array, writtenAtMs: number): boolean {
  if (now.length !== cached.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== cached[i]) return false;
  const trustBefore = writtenAtMs - RACY_WINDOW_MS;
  for (let at = 2; at < now.length; at += STATS_PER_FILE) if (now[at]! >= trustBefore) return false;
  return true;
}
