import { createHash } from "node:crypto";
import { BLOCK } from "./hashFile.js";
import type { HashWorkerPool } from "./HashWorkerPool.js";
import { streamBytes, type ReadChunkResult } from "./readChunk.js";
import { readOne, type TreePass } from "./readTree.js";
import { isSymlinkMode, statPart, STATS_PER_FILE, type StattedTree, type TreeUnit } from "./statTree.js";
import type { TreeScanner } from "./TreeScanner.js";

/**
 * A chunk of files for one worker: small enough that every thread has several to take. For a
 * fingerprint, the stream of a chunk (paths and bytes) fits one buffer of this size; the buffers
 * are lent to the workers and come back, a few in all.
 */
const CHUNK_BYTES = BLOCK + (64 << 10);
const CHUNK_FILES = 512;

type Segment = { chunk: number[] } | { local: number };

/**
 * A tree listed and read by the hash workers together. The calling thread lists the top folders
 * and hands each folder below them to whichever worker is free; the files to read go out in
 * chunks, in the tree's order, and come back with their hashes and, for the fingerprint, their
 * bytes, which this thread hashes in order. At most a few chunks are out at once, so memory stays
 * bounded; a file larger than a block, or a symlink, is read here when its turn comes.
 */
export class PoolScanner implements TreeScanner {
  constructor(private readonly pool: HashWorkerPool) {}

  async list(root: string, include: readonly string[] = ["**"], exclude: readonly string[] = []) {
    let split = statPart(root, include, exclude, { splitDepth: 1 });
    // Too few folders to share: go one level deeper, while the levels above stay small.
    for (let depth = 2; depth <= 3 && this.fewUnits(split); depth++)
      split = statPart(root, include, exclude, { splitDepth: depth });
    return this.listUnits(root, include, exclude, split);
  }

  /**
   * A tree never scanned, of unknown size: its top two levels are listed here, and the folders
   * below go to the workers only if there are enough of them to be worth starting threads for.
   */
  async listUnknown(root: string, include: readonly string[] = ["**"], exclude: readonly string[] = []) {
    const split = statPart(root, include, exclude, { splitDepth: 2 });
    if (split.units.length >= 4 * this.pool.threads) return this.listUnits(root, include, exclude, split);
    const parts = split.units.map(({ prefix }) => statPart(root, include, exclude, { prefix }).tree);
    return splice(split.tree, split.units, parts);
  }

  async read(
    base: string,
    tree: StattedTree,
    known: (i: number) => string | undefined,
    readAll: boolean,
  ): Promise<TreePass> {
    const cached = readAll ? [] : tree.rels.map((_, i) => known(i));
    const stream = readAll || cached.every((h) => h === undefined) ? createHash("sha256") : undefined;
    const segments = plan(tree, cached, stream !== undefined);
    const digests = readAll ? new Array<string>(tree.rels.length) : cached.map((h) => h ?? "");
    const pending = new Map<number, Promise<ReadChunkResult>>();
    const window = 2 * this.pool.threads + 1;
    const spare: ArrayBuffer[] = [];
    const start = (k: number) => {
      const segment = segments[k];
      if (!segment || !("chunk" in segment)) return;
      const sizesAndModes = segment.chunk.flatMap((i) => [
        tree.stats[i * STATS_PER_FILE + 1]!,
        tree.stats[i * STATS_PER_FILE + 4]!,
      ]);
      const rels = segment.chunk.map((i) => tree.rels[i]!);
      const buffer = stream ? (spare.pop() ?? new ArrayBuffer(CHUNK_BYTES)) : undefined;
      const result = this.pool.run<ReadChunkResult>({
        kind: "read",
        base,
        rels,
        sizesAndModes,
        ...(buffer ? { stream: buffer } : {}),
      });
      // A chunk that fails before its turn is reported at its turn, not as an unhandled rejection.
      result.catch(() => {});
      pending.set(k, result);
    };
    const buffer = Buffer.allocUnsafe(BLOCK);
    let read = 0;
    for (let k = 0; k < Math.min(window, segments.length); k++) start(k);
    for (let k = 0; k < segments.length; k++) {
      const segment = segments[k]!;
      if ("local" in segment) {
        digests[segment.local] = readOne(base, tree, segment.local, buffer, stream);
        read++;
      } else {
        const result = await pending.get(k)!;
        pending.delete(k);
        segment.chunk.forEach((i, j) => (digests[i] = result.digests[j]!));
        if (result.stream) {
          stream?.update(new Uint8Array(result.stream.buffer, 0, result.stream.length));
          spare.push(result.stream.buffer);
        }
        read += segment.chunk.length;
      }
      start(k + window);
    }
    const files: Record<string, string> = {};
    tree.rels.forEach((rel, i) => (files[rel] = digests[i]!));
    return { files, fingerprint: stream?.digest("hex"), read };
  }

  private async listUnits(
    root: string,
    include: readonly string[],
    exclude: readonly string[],
    split: { tree: StattedTree; units: TreeUnit[] },
  ): Promise<StattedTree> {
    const parts = await Promise.all(
      split.units.map(({ prefix }) =>
        this.pool.run<StattedTree>({ kind: "list", root, include, exclude, prefix }),
      ),
    );
    return splice(split.tree, split.units, parts);
  }

  private fewUnits({ tree, units }: { tree: StattedTree; units: TreeUnit[] }): boolean {
    return units.length > 0 && units.length < 4 * this.pool.threads && tree.rels.length < 1000;
  }
}

/** The files to read, in order, as chunks for the workers and single files for this thread. */
function plan(tree: StattedTree, cached: (string | undefined)[], stream: boolean): Segment[] {
  const segments: Segment[] = [];
  let chunk: number[] = [];
  let bytes = 0;
  const flush = () => {
    if (chunk.length > 0) segments.push({ chunk });
    chunk = [];
    bytes = 0;
  };
  for (let i = 0; i < tree.rels.length; i++) {
    if (cached[i] !== undefined) continue;
    const size = tree.stats[i * STATS_PER_FILE + 1]!;
    // Too large for a chunk's buffer (a path that long is one too), or a link: read here.
    const large = streamBytes([tree.rels[i]!], () => size) > CHUNK_BYTES;
    if (stream && (large || isSymlinkMode(tree.stats[i * STATS_PER_FILE + 4]!))) {
      flush();
      segments.push({ local: i });
      continue;
    }
    const needs = streamBytes([tree.rels[i]!], () => size);
    if (chunk.length >= CHUNK_FILES || (chunk.length > 0 && bytes + needs > CHUNK_BYTES)) flush();
    chunk.push(i);
    bytes += needs;
  }
  flush();
  return segments;
}

/** The listing of the top folders with each unit's listing put in its place. */
function splice(top: StattedTree, units: TreeUnit[], parts: StattedTree[]): StattedTree {
  const count = top.rels.length + parts.reduce((n, p) => n + p.rels.length, 0);
  const rels: string[] = [];
  const stats = new Float64Array(count * STATS_PER_FILE);
  const append = (from: StattedTree, first: number, end: number) => {
    stats.set(
      from.stats.subarray(first * STATS_PER_FILE, end * STATS_PER_FILE),
      rels.length * STATS_PER_FILE,
    );
    for (let i = first; i < end; i++) rels.push(from.rels[i]!);
  };
  let at = 0;
  units.forEach((unit, u) => {
    append(top, at, unit.before);
    at = unit.before;
    append(parts[u]!, 0, parts[u]!.rels.length);
  });
  append(top, at, top.rels.length);
  return { rels, stats, hardLinked: top.hardLinked || parts.some((p) => p.hardLinked) };
}
