import { readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { sha256Hex } from "../engine/hashing.js";
import { canonicalTree } from "../engine/InputManifest.js";
import { isSymlinkMode, statTree, STATS_PER_FILE, type StattedTree } from "./statTree.js";
import { loadTreeStatCache, writeTreeStatCache, type TreeStatCache } from "./TreeStatCache.js";

/** One tree to hash. Plain data, so that it can be posted to a hash worker. */
export interface HashJob {
  root: string;
  include?: readonly string[];
  exclude?: readonly string[];
  /** The tree, when the caller listed and statted it already, and when that listing began. */
  listed?: StattedTree & { startedAtMs: number };
  /** Where this tree's stat cache lives; none means every file is read. */
  cachePath: string | undefined;
  /** The monitor's token, taken before this scan, to keep with the cache it writes. */
  token?: string;
}

/** A hashed tree: its canonical JSON and digest, and the file map when it is at hand. */
export interface TreeHashes {
  json: string;
  digest: string;
  files?: Record<string, string>;
}

/** File timestamps can be this coarse: an entry modified this close to the cache write is rehashed. */
const RACY_WINDOW_MS = 2000;

/**
 * Content hashes of a tree's files. A cache keyed by (inode, size, mtime, ctime, mode) skips
 * reading unchanged files; content still decides, and entries whose mtime is within the racy
 * window of the scan that wrote the cache are always rehashed. When every path and stat number matches
 * the cache, the cached tree is the answer and no per-file hash is even looked at.
 */
export async function hashFileTree(job: HashJob): Promise<TreeHashes> {
  // The racy window is measured from before anything was statted or read: a file modified again
  // in the same timestamp tick as its read must fall inside it, however long the scan took.
  const startedAtMs = job.listed?.startedAtMs ?? Date.now();
  const tree = job.listed ?? statTree(job.root, job.include, job.exclude);
  const cache = job.cachePath ? await loadTreeStatCache(job.cachePath) : undefined;
  const trustBefore = (cache?.writtenAtMs ?? 0) - RACY_WINDOW_MS;
  const joined = tree.rels.join("\0");
  const write = async (hashed: { json: string; digest: string }, writtenAtMs: number) => {
    if (!job.cachePath) return;
    const { stats, hardLinked } = tree;
    const entry = { writtenAtMs, rels: joined, count: tree.rels.length, stats, hardLinked, ...hashed };
    await writeTreeStatCache(job.cachePath, job.token ? { ...entry, token: job.token } : entry);
  };
  if (cache && cache.count === tree.rels.length && cache.rels === joined) {
    if (sameStats(tree.stats, cache.stats, trustBefore)) {
      // Unchanged, and now known so as of the monitor's newer token: keep that with it.
      if (job.token && job.token !== cache.token) await write(cache, cache.writtenAtMs);
      return { json: cache.json, digest: cache.digest };
    }
  }
  const files = rehash(join(job.root, "/"), tree, cache, trustBefore);
  const hashed = canonicalTree(files);
  await write(hashed, startedAtMs);
  return { ...hashed, files };
}

/** Every number equal, and no file modified within the racy window of the cache's write. */
function sameStats(now: Float64Array, cached: Float64Array, trustBefore: number): boolean {
  for (let i = 0; i < now.length; i++) if (now[i] !== cached[i]) return false;
  for (let at = 2; at < now.length; at += STATS_PER_FILE) if (now[at]! >= trustBefore) return false;
  return true;
}

/** Hashes of every file, read again unless its stat numbers match the cache's and it is not racy. */
function rehash(
  base: string,
  { rels, stats }: StattedTree,
  cache: TreeStatCache | undefined,
  trustBefore: number,
): Record<string, string> {
  const old = cache ? (JSON.parse(cache.json) as Record<string, string>) : {};
  const oldIndex = new Map(cache ? cache.rels.split("\0").map((rel, i) => [rel, i]) : []);
  const files: Record<string, string> = {};
  for (let i = 0; i < rels.length; i++) {
    const rel = rels[i]!;
    const at = i * STATS_PER_FILE;
    const j = oldIndex.get(rel);
    let same =
      cache !== undefined && j !== undefined && old[rel] !== undefined && stats[at + 2]! < trustBefore;
    for (let k = 0; same && k < STATS_PER_FILE; k++)
      same = stats[at + k] === cache!.stats[j! * STATS_PER_FILE + k];
    const mode = stats[at + 4]!;
    const full = base + rel;
    files[rel] = same
      ? old[rel]!
      : isSymlinkMode(mode)
        ? "@" + sha256Hex(readlinkSync(full))
        : sha256Hex(readFileSync(full)) + ((mode & 0o111) !== 0 ? "+x" : "");
  }
  return files;
}
