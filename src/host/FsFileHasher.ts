import { createHash } from "node:crypto";
import { lstatSync, readFileSync, readlinkSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FileHasher } from "../engine/FileHasher.js";
import type { FileInput } from "../engine/TaskNode.js";
import { atomicWrite } from "./atomicWrite.js";
import { walkTree } from "./walkTree.js";

type CacheEntry = [ino: number, size: number, mtimeMs: number, ctimeMs: number, mode: number, hash: string];
interface CacheFile {
  format: 1;
  writtenAtMs: number;
  entries: Record<string, CacheEntry>;
}

/** File timestamps can be this coarse: an entry modified this close to the cache write is rehashed. */
const RACY_WINDOW_MS = 2000;

/**
 * Content hashes of a file input's files. A cache keyed by (inode, size, mtime, ctime, mode) per
 * root skips reading unchanged files; content still decides, and entries whose mtime is within
 * the racy window of the cache's own write are always rehashed.
 */
export class FsFileHasher implements FileHasher {
  constructor(private readonly cacheDir: string | undefined) {}

  async hash(input: FileInput): Promise<Record<string, string>> {
    const cachePath = this.cacheDir
      ? join(this.cacheDir, `${sha256(input.root).slice(0, 32)}.json`)
      : undefined;
    const cache = cachePath ? await loadCache(cachePath) : undefined;
    const trustBefore = (cache?.writtenAtMs ?? 0) - RACY_WINDOW_MS;
    const next: Record<string, CacheEntry> = {};
    const out: Record<string, string> = {};
    let changed = cache === undefined;
    let racy = false;
    for (const entry of walkTree(input.root, input.include, input.exclude)) {
      const st = lstatSync(entry.full);
      const old = cache?.entries[entry.rel];
      let hash: string;
      if (
        old &&
        old[0] === st.ino &&
        old[1] === st.size &&
        old[2] === st.mtimeMs &&
        old[3] === st.ctimeMs &&
        old[4] === st.mode &&
        st.mtimeMs < trustBefore
      ) {
        hash = old[5];
      } else {
        hash = entry.symlink
          ? "@" + sha256(readlinkSync(entry.full))
          : sha256(readFileSync(entry.full)) + ((st.mode & 0o111) !== 0 ? "+x" : "");
        changed = true;
      }
      if (st.mtimeMs >= trustBefore) racy = true;
      next[entry.rel] = [st.ino, st.size, st.mtimeMs, st.ctimeMs, st.mode, hash];
      out[entry.rel] = hash;
    }
    if (cache && Object.keys(cache.entries).length !== Object.keys(next).length) changed = true;
    if (cachePath && (changed || racy)) {
      const file: CacheFile = { format: 1, writtenAtMs: Date.now(), entries: next };
      await atomicWrite(cachePath, JSON.stringify(file));
    }
    return out;
  }
}

async function loadCache(path: string): Promise<CacheFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as CacheFile;
    return parsed.format === 1 && typeof parsed.entries === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
