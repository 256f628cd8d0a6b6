import { join } from "node:path";
import { sha256Hex } from "../engine/hashing.js";
import { canonicalTree } from "../engine/InputManifest.js";
import { readTree } from "./readTree.js";
import { statTree, STATS_PER_FILE, type StattedTree } from "./statTree.js";
import { localScanner, type TreeScanner } from "./TreeScanner.js";
import { loadTreeStatCache, writeTreeStatCache, type TreeStatCache } from "./TreeStatCache.js";

/** One tree to hash. */
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
  /** Read every file if the cache holds no fingerprint for the tree as it is: one pass gives both. */
  fingerprint?: boolean;
  /** The stat cache, when the caller loaded it already (null: there is none). */
  cache?: TreeStatCache | null;
}

/** A hashed tree: its digest at once, its file map (and that map's canonical JSON) when asked for. */
export interface TreeHashes {
  digest: string;
  /** Regular files and symlinks in the tree. */
  count: number;
  /** The prototype's fingerprint, known when this scan or the cached one read every file. */
  fingerprint?: string;
  /** Files read by this scan: none when the cache answered. */
  read: number;
  files(): Record<string, string>;
  /** The canonical JSON of `files()`. */
  json(): string;
}

/** File timestamps can be this coarse: an entry modified this close to the cache write is rehashed. */
const RACY_WINDOW_MS = 2000;

/**
 * Content hashes of a tree's files. A cache keyed by (inode, size, mtime, ctime, mode) skips
 * reading unchanged files; content still decides, and entries whose mtime is within the racy
 * window of the scan that wrote the cache are always rehashed. When every path and stat number matches
 * the cache, the cached tree is the answer and no per-file hash is even looked at. A scan that
 * reads every file (no usable cache, or `fingerprint` asked for) computes the prototype's
 * fingerprint in the same pass, and the cache keeps it.
 */
export async function hashFileTree(job: HashJob, scanner: TreeScanner = localScanner): Promise<TreeHashes> {
  // The racy window is measured from before anything was statted or read: a file modified again
  // in the same timestamp tick as its read must fall inside it, however long the scan took.
  const startedAtMs = job.listed?.startedAtMs ?? Date.now();
  const [tree, cache] = await Promise.all([
    job.listed ?? scanner.list(job.root, job.include, job.exclude),
    job.cache !== undefined
      ? (job.cache ?? undefined)
      : job.cachePath
        ? loadTreeStatCache(job.cachePath)
        : undefined,
  ]);
  const trustBefore = (cache?.writtenAtMs ?? 0) - RACY_WINDOW_MS;
  const joined = tree.rels.join("\0");
  const count = tree.rels.length;
  const write = async (
    hashed: Pick<TreeStatCache, "json" | "digest" | "fingerprint">,
    writtenAtMs: number,
  ) => {
    if (!job.cachePath) return;
    const { stats, hardLinked } = tree;
    const { json, digest, fingerprint } = hashed;
    const entry: TreeStatCache = { writtenAtMs, rels: joined, count, stats, hardLinked, json, digest };
    if (fingerprint !== undefined) entry.fingerprint = fingerprint;
    await writeTreeStatCache(job.cachePath, job.token ? { ...entry, token: job.token } : entry);
  };
  const unchanged =
    cache?.count === count && cache.rels === joined && sameStats(tree.stats, cache.stats, trustBefore);
  if (unchanged && (cache.fingerprint !== undefined || !job.fingerprint)) {
    // Unchanged, and now known so as of the monitor's newer token: keep that with it.
    if (job.token && job.token !== cache.token) await write(cache, cache.writtenAtMs);
    return cachedTree(cache, job);
  }
  const known = reusable(tree, cache, trustBefore);
  const pass = await scanner.read(join(job.root, "/"), tree, known, job.fingerprint ?? false);
  const hashed = { ...canonicalTree(pass.files), fingerprint: pass.fingerprint };
  await write(hashed, startedAtMs);
  return textTree(hashed, count, pass.read);
}

/**
 * A tree known as its canonical JSON. Its file map is not kept, and the closures are made here,
 * apart from the scan's own (which hold the listing): what the engine keeps until the store writes
 * the text is the text alone. For 100,000 files the map held beside it was 15 MB of the peak
 * memory of a cold scan.
 */
function textTree(
  { json, digest, fingerprint }: { json: string; digest: string; fingerprint?: string | undefined },
  count: number,
  read: number,
): TreeHashes {
  return {
    digest,
    count,
    read,
    files: () => JSON.parse(json) as Record<string, string>,
    json: () => json,
    ...(fingerprint ? { fingerprint } : {}),
  };
}

/**
 * The tree a cache holds, its file map parsed only when asked for. The cache is written without
 * fsync (it is a cache): a file map that a crash left damaged no longer hashes to the tree's
 * digest, and the tree is then read again for it.
 */
export function cachedTree(
  cache: TreeStatCache,
  job: Pick<HashJob, "root" | "include" | "exclude">,
): TreeHashes {
  const { digest, count, fingerprint } = cache;
  const files = () =>
    parseIntact(cache) ??
    readTree(join(job.root, "/"), statTree(job.root, job.include, job.exclude), () => undefined, false).files;
  const json = () => intactJson(cache) ?? canonicalTree(files()).json;
  return { digest, count, read: 0, files, json, ...(fingerprint !== undefined ? { fingerprint } : {}) };
}

function parseIntact(cache: TreeStatCache): Record<string, string> | undefined {
  const json = intactJson(cache);
  return json === undefined ? undefined : (JSON.parse(json) as Record<string, string>);
}

/** The cache's file map as JSON, unless it no longer hashes to the tree's digest. */
function intactJson(cache: TreeStatCache): string | undefined {
  return sha256Hex(cache.json) === cache.digest ? cache.json : undefined;
}

/** Every number equal, and no file modified within the racy window of the cache's write. */
function sameStats(now: Float64Array, cached: Float64Array, trustBefore: number): boolean {
  for (let i = 0; i < now.length; i++) if (now[i] !== cached[i]) return false;
  for (let at = 2; at < now.length; at += STATS_PER_FILE) if (now[at]! >= trustBefore) return false;
  return true;
}

/** The cached hash of file `i`, where its stat numbers match the cache's and it is not racy. */
function reusable(
  { rels, stats }: StattedTree,
  cache: TreeStatCache | undefined,
  trustBefore: number,
): (i: number) => string | undefined {
  const old = cache && parseIntact(cache);
  if (!cache || !old) return () => undefined;
  const oldIndex = new Map(cache.rels.split("\0").map((rel, i) => [rel, i]));
  return (i) => {
    const rel = rels[i]!;
    const at = i * STATS_PER_FILE;
    const j = oldIndex.get(rel);
    if (j === undefined || old[rel] === undefined || stats[at + 2]! >= trustBefore) return undefined;
    for (let k = 0; k < STATS_PER_FILE; k++)
      if (stats[at + k] !== cache.stats[j * STATS_PER_FILE + k]) return undefined;
    return old[rel];
  };
}
