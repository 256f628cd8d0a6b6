import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import type { FileHasher, HashedTree } from "../engine/FileHasher.js";
import type { FileInput } from "../engine/TaskNode.js";
import type { TreeMonitor } from "./fsmonitor/FsMonitorClient.js";
import { hashFileTree, type HashJob, type TreeHashes } from "./hashFileTree.js";
import type { HashWorkerPool } from "./HashWorkerPool.js";
import { statTree } from "./statTree.js";
import { loadTreeStatCache } from "./TreeStatCache.js";

export interface FsFileHasherOptions {
  /** Threads for large trees; without a pool every tree is hashed on the calling thread. */
  pool?: HashWorkerPool;
  /** Trees of at least this many files go to the pool. @default 2000 */
  poolThreshold?: number;
  /** A file-system monitor that can vouch for a tree unchanged since its last scan. */
  monitor?: TreeMonitor;
}

/** A cache takes at least this many bytes per file: a cache this large means a tree worth a thread. */
const CACHE_BYTES_PER_FILE = 100;

/**
 * Content hashes of a file input's files, with a stat cache per root and selection (see
 * `hashFileTree`). With a monitor, a tree it vouches for since the cache's scan is the cached
 * tree, with no file even statted. Otherwise a tree known to be large by its cache goes to the
 * pool whole, so the calling thread does no work per file; one without a cache is listed here
 * first, and goes to the pool if it turns out large.
 */
export class FsFileHasher implements FileHasher {
  constructor(
    private readonly cacheDir: string | undefined,
    private readonly options: FsFileHasherOptions = {},
  ) {}

  async hash(input: FileInput): Promise<HashedTree> {
    const job: HashJob = {
      root: input.root,
      ...(input.include ? { include: input.include } : {}),
      ...(input.exclude ? { exclude: input.exclude } : {}),
      cachePath: this.cacheDir ? join(this.cacheDir, cacheName(input)) : undefined,
    };
    const { pool, poolThreshold = 2000, monitor } = this.options;
    const cache = monitor && job.cachePath ? await loadTreeStatCache(job.cachePath) : undefined;
    if (monitor && job.cachePath) {
      const answer = await monitor.check(input.root, cache?.token);
      if (answer?.unchanged && cache && !cache.hardLinked) return lazyTree(cache);
      if (answer?.token) job.token = answer.token;
    }
    const knownLarge = cache
      ? cache.count >= poolThreshold
      : job.cachePath !== undefined && cacheBytes(job.cachePath) >= poolThreshold * CACHE_BYTES_PER_FILE;
    if (pool && knownLarge) return lazyTree(await pool.hash(job));
    const startedAtMs = Date.now();
    job.listed = { ...statTree(input.root, input.include, input.exclude), startedAtMs };
    const large = pool && job.listed.rels.length >= poolThreshold;
    return lazyTree(await (large ? pool.hash(job) : hashFileTree(job)));
  }
}

/** One cache per root and selection: the same root read with other globs is another tree. */
function cacheName(input: FileInput): string {
  const selection = JSON.stringify([input.root, input.include ?? null, input.exclude ?? null]);
  return `${createHash("sha256").update(selection).digest("hex").slice(0, 32)}.bin`;
}

/** The file map is parsed from the tree's JSON (even decoded, for a cache) only when asked for. */
function lazyTree(tree: TreeHashes): HashedTree {
  let files = tree.files;
  return { digest: tree.digest, files: () => (files ??= JSON.parse(tree.json) as Record<string, string>) };
}

function cacheBytes(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}
