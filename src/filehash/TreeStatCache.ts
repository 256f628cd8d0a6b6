import { isUserFsError } from "../errors/fsError.js";
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { writeParts } from "../fsutil/writeParts.js";
import { STATS_PER_FILE } from "./statTree.js";

/**
 * What a tree looked like when it was last hashed: its sorted paths, each file's stat numbers,
 * and the resulting tree (canonical JSON and digest). A tree whose paths and stat numbers are all
 * unchanged is the cached tree, and nothing of it needs to be parsed.
 */
export interface TreeStatCache {
  /** When the scan that wrote it began: the racy window is measured from here. */
  writtenAtMs: number;
  /** The sorted relative paths joined with NUL, which no file name contains. */
  rels: string;
  count: number;
  stats: Float64Array;
  json: string;
  digest: string;
  /** The prototype's fingerprint of the tree, when the scan that wrote this cache read every file. */
  fingerprint?: string;
  /** The file-system monitor's token taken before the scan that wrote this cache, if one answered. */
  token?: string;
  /** Some file had another hard link when scanned: a monitor cannot vouch for this tree. */
  hardLinked?: boolean;
}

const MAGIC = "staging-tree-stat-cache/3\n";

/** Longer than any header: the first read of a cache takes the header whole. */
const HEAD_BYTES = 4096;

/**
 * Layout: magic line, header JSON line padded to a multiple of 8 bytes, the stat numbers as
 * float64 in the machine's byte order, then the NUL-joined paths, then the tree JSON. A file that does not
 * parse is no cache at all: every file is read again. The tree JSON, most of the file, is read
 * only when asked for: a scan that finds the tree unchanged needs the numbers and paths alone.
 */
export async function loadTreeStatCache(path: string): Promise<TreeStatCache | undefined> {
  // Synchronous reads: a no-op over many small trees loads many small caches, and a round trip
  // through the thread pool per call costs more than the reads themselves.
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const { size } = fstatSync(fd);
    const head = Buffer.allocUnsafe(Math.min(size, HEAD_BYTES));
    if (readSync(fd, head, 0, head.length, 0) !== head.length) return undefined;
    if (head.toString("latin1", 0, MAGIC.length) !== MAGIC) return undefined;
    const headerEnd = head.indexOf(10, MAGIC.length);
    if (headerEnd < 0) return undefined;
    const header = JSON.parse(head.toString("utf8", MAGIC.length, headerEnd)) as {
      writtenAtMs: number;
      count: number;
      digest: string;
      fingerprint?: string;
      token?: string;
      hardLinked?: boolean;
      relsBytes: number;
      jsonBytes: number;
    };
    const counts = [header.count, header.relsBytes, header.jsonBytes];
    if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
    if (!Number.isFinite(header.writtenAtMs) || typeof header.digest !== "string") return undefined;
    for (const text of [header.token, header.fingerprint])
      if (text !== undefined && typeof text !== "string") return undefined;
    const statsAt = align8(headerEnd + 1);
    const relsAt = statsAt + header.count * STATS_PER_FILE * 8;
    const jsonAt = relsAt + header.relsBytes;
    if (jsonAt + header.jsonBytes !== size) return undefined;
    const body = Buffer.allocUnsafe(jsonAt - statsAt);
    if (readFully(fd, body, statsAt) !== body.length) return undefined;
    // Decoded on first use: a tree the monitor vouches for needs its header alone.
    let stats: Float64Array | undefined;
    let rels: string | undefined;
    let json: string | undefined;
    return {
      writtenAtMs: header.writtenAtMs,
      count: header.count,
      digest: header.digest,
      ...(header.fingerprint !== undefined ? { fingerprint: header.fingerprint } : {}),
      ...(header.token !== undefined ? { token: header.token } : {}),
      ...(header.hardLinked ? { hardLinked: true } : {}),
      get stats() {
        if (!stats) {
          stats = new Float64Array(header.count * STATS_PER_FILE);
          new Uint8Array(stats.buffer).set(body.subarray(0, relsAt - statsAt));
        }
        return stats;
      },
      get rels() {
        return (rels ??= body.toString("utf8", relsAt - statsAt));
      },
      // Read later, from a file that may have been replaced since: its user checks it against
      // the digest (the digest is the sha256 of this JSON).
      get json() {
        return (json ??= readRange(path, jsonAt, header.jsonBytes));
      },
    };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Saves a tree's stat cache. It only saves time: on a full or read-only disk (or one staging may
 * not write) the next scan reads the files again, and the command goes on.
 */
export async function writeTreeStatCache(path: string, cache: TreeStatCache): Promise<void> {
  try {
    await writeTreeStatCacheFile(path, cache);
  } catch (error) {
    if (!isUserFsError(error)) throw error;
  }
}

async function writeTreeStatCacheFile(path: string, cache: TreeStatCache): Promise<void> {
  // The texts go out in chunks (see writeReplacing): only their lengths are needed here.
  const relsBytes = Buffer.byteLength(cache.rels, "utf8");
  const jsonBytes = Buffer.byteLength(cache.json, "utf8");
  const header = JSON.stringify({
    writtenAtMs: cache.writtenAtMs,
    count: cache.count,
    digest: cache.digest,
    fingerprint: cache.fingerprint,
    token: cache.token,
    hardLinked: cache.hardLinked || undefined,
    relsBytes,
    jsonBytes,
  });
  const head = Buffer.from(MAGIC + header + "\n", "utf8");
  const pad = Buffer.alloc(align8(head.length) - head.length, 32);
  const stats = Buffer.from(cache.stats.buffer, cache.stats.byteOffset, cache.stats.byteLength);
  await writeReplacing(path, [head, pad, stats, cache.rels, cache.json]);
}

/**
 * Writes beside the file and renames over it: readers see the old cache or the new one. No fsync:
 * a crash may leave a cache short or damaged, which reads as no cache (or, for its file map, one
 * that no longer hashes to its digest); a no-op `make` over many trees must not wait for the disk.
 */
async function writeReplacing(path: string, parts: (Uint8Array | string)[]): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  await mkdir(dirname(path), { recursive: true });
  try {
    const file = await open(tmp, "w", 0o644);
    try {
      writeParts(file.fd, parts);
    } finally {
      await file.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function readRange(path: string, at: number, length: number): string {
  try {
    const fd = openSync(path, "r");
    try {
      const bytes = Buffer.allocUnsafe(length);
      return bytes.toString("utf8", 0, readFully(fd, bytes, at));
    } finally {
      closeSync(fd);
    }
  } catch {
    return "";
  }
}

function readFully(fd: number, into: Buffer, at: number): number {
  let n = 0;
  for (let got = -1; n < into.length && got !== 0; n += got)
    got = readSync(fd, into, n, into.length - n, at + n);
  return n;
}
