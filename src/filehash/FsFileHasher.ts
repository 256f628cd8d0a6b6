import { createHash } from "node:crypto";
import { join } from "node:path";
import type { FileHasher, HashedTree } from "../engine/FileHasher.js";
import type { FileInput } from "../engine/TaskNode.js";
import type { TreeMonitor } from "./fsmonitor/FsMonitorClient.js";
import { cachedTree, hashFileTree, type HashJob, type TreeHashes } from "./hashFileTree.js";
import type { HashWorkerPool } from "./HashWorkerPool.js";
import { PoolScanner } from "./PoolScanner.js";
import { noteRecentTree, selectionKey, type TreeFingerprint } from "./recentTrees.js";
import { localScanner } from "./TreeScanner.js";
import { loadTreeStatCache } from "./TreeStatCache.js";

export interface FsFileHasherOptions {
  /** Threads for large trees; without a pool every tree is hashed on the calling thread. */
  pool?: HashWorkerPool;
  /** Trees of at least this many files go to the pool; below, starting its threads costs more than it saves. @default 20000 */
  poolThreshold?: number;
  /** A file-system monitor that can vouch for a tree unchanged since its last scan. */
  monitor?: TreeMonitor;
}

/**
 * Content hashes of a file input's files, with a stat cache per root and selection (see
 * `hashFileTree`). With a monitor, a tree it vouches for since the cache's scan is the cached
 * tree, with no file even statted. Otherwise a tree known to be large by its cache is listed and
 * read by the pool's threads together (`PoolScanner`); one never scanned is listed here unless it
 * has many folders, and its files are read by the pool if it turns out large. Each scan is noted
 * (`recentTrees`), for an action that needs what the scan of its key found.
 */
export class FsFileHasher implements FileHasher {
  /** Files read by this hasher so far: what its scans cost beyond stat calls. */
  filesRead = 0;

  constructor(
    private readonly cacheDir: string | undefined,
    private readonly options: FsFileHasherOptions = {},
  ) {}

  async hash(input: FileInput): Promise<HashedTree> {
    return lazyTree(await this.scan(input, false));
  }

  /**
   * The prototype's fingerprint of a tree: the cached one when the tree is unchanged since a scan
   * that read every file, else one scan that reads every file once for both the per-file hashes
   * and the fingerprint (and keeps both in the cache).
   */
  async fingerprint(input: FileInput): Promise<TreeFingerprint> {
    const tree = await this.scan(input, true);
    return { fingerprint: tree.fingerprint!, count: tree.count, digest: tree.digest };
  }

  private async scan(input: FileInput, fingerprint: boolean): Promise<TreeHashes> {
    const tree = await this.scanOnce(input, fingerprint);
    this.filesRead += tree.read;
    noteRecentTree(input, {
      digest: tree.digest,
      count: tree.count,
      fingerprint: tree.fingerprint,
      readFingerprint: () => this.fingerprint(input),
    });
    return tree;
  }

  private async scanOnce(input: FileInput, fingerprint: boolean): Promise<TreeHashes> {
    const job: HashJob = {
      root: input.root,
      ...(input.include ? { include: input.include } : {}),
      ...(input.exclude ? { exclude: input.exclude } : {}),
      cachePath: this.cacheDir ? join(this.cacheDir, cacheName(input)) : undefined,
      ...(fingerprint ? { fingerprint } : {}),
    };
    const { pool, poolThreshold = 20_000, monitor } = this.options;
    const cache = job.cachePath ? await loadTreeStatCache(job.cachePath) : undefined;
    job.cache = cache ?? null;
    if (monitor && job.cachePath) {
      const answer = await monitor.check(input.root, cache?.token);
      const complete = cache && (!fingerprint || cache.fingerprint !== undefined);
      if (answer?.unchanged && complete && !cache.hardLinked) return cachedTree(cache, job);
      if (answer?.token) job.token = answer.token;
    }
    if (!pool) return hashFileTree(job);
    // Known small: all of it here. Known large: listed and read by the pool's threads together.
    if (cache) return hashFileTree(job, cache.count < poolThreshold ? localScanner : new PoolScanner(pool));
    // Unknown (never scanned): listed here unless it has many folders, read by the threads if large.
    const startedAtMs = Date.now();
    const scanner = new PoolScanner(pool);
    job.listed = { ...(await scanner.listUnknown(input.root, input.include, input.exclude)), startedAtMs };
    return hashFileTree(job, job.listed.rels.length >= poolThreshold ? scanner : localScanner);
  }
}

/** One cache per root and selection: the same root read with other globs is another tree. */
function cacheName(input: FileInput): string {
  return `${createHash("sha256").update(selectionKey(input)).digest("hex").slice(0, 32)}.bin`;
}

/** The file map is parsed from the tree's JSON (even decoded, for a cache) only when asked for. */
function lazyTree(tree: TreeHashes): HashedTree {
  let files: Record<string, string> | undefined;
  return { digest: tree.digest, files: () => (files ??= tree.files()), json: () => tree.json() };
}
