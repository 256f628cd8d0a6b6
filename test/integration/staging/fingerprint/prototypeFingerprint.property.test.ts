import fc from "fast-check";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FsFileHasher } from "../../../../src/filehash/FsFileHasher.js";
import { HashWorkerPool } from "../../../../src/filehash/HashWorkerPool.js";
import { BLOCK } from "../../../../src/filehash/hashFile.js";
import { snapshotFingerprint } from "../../../../src/staging/fingerprint/snapshotFingerprint.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { hasPython, pythonFingerprints } from "../../../helpers/pythonFingerprints.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

/**
 * Names that sort differently component by component than as whole strings (`a/b` against `a.b`
 * and `a-b`), by code point than by UTF-16 unit (U+1F600 against U+FF01), or by case; dotfiles,
 * spaces, combining marks.
 */
const NAMES = ["a", "b", "a.b", "a-b", "a b", "a0", "ab", "A", "_", ".hidden", ".a", "é", "e\u0301"];
const MORE = ["ß", "日本", "😀", "\uFF01", "\uE000", "z~", "gradle", "gradle.properties", "w.jar"];

interface Item {
  path: string[];
  kind: "file" | "dir" | "link";
  content: string | Uint8Array;
  executable: boolean;
  /** For a link: which earlier entry it points at, or nowhere. */
  target: number;
}

const itemArb: fc.Arbitrary<Item> = fc.record({
  path: fc.array(fc.constantFrom(...NAMES, ...MORE), { minLength: 1, maxLength: 3 }),
  kind: fc.constantFrom("file", "file", "file", "file", "dir", "link"),
  content: fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 })),
  executable: fc.boolean(),
  target: fc.nat(),
});
const treeArb = fc.record({
  items: fc.array(itemArb, { maxLength: 14 }),
  // Now and then a file larger than a read block, which is streamed in pieces.
  big: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

/** Writes the items that fit (a path through a file is skipped) and returns the snapshot root. */
function writeSnapshot({ items, big }: { items: Item[]; big: boolean }): string {
  const root = join(useTmpDir(), "snapshot");
  mkdirSync(root);
  const kinds = new Map<string, Item["kind"]>();
  const made: string[] = [];
  for (const item of items) {
    const rel = item.path.join("/");
    const parents = item.path.slice(0, -1).map((_, i) => item.path.slice(0, i + 1).join("/"));
    if (kinds.has(rel) || parents.some((p) => kinds.has(p) && kinds.get(p) !== "dir")) continue;
    for (const p of parents) kinds.set(p, "dir");
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    kinds.set(rel, item.kind);
    if (item.kind === "dir") mkdirSync(full);
    else if (item.kind === "link") {
      const to =
        made.length > 0 && item.target % 4 !== 0 ? join(root, made[item.target % made.length]!) : "nowhere";
      symlinkSync(relative(dirname(full), to) || ".", full);
    } else {
      writeFileSync(full, item.content);
      if (item.executable) chmodSync(full, 0o755);
    }
    made.push(rel);
  }
  if (big) writeFileSync(join(root, "big.bin"), Buffer.alloc(2 * BLOCK + 12_345, "0123456789abcdef"));
  return root;
}

describe("the snapshot fingerprint", () => {
  const run = requireOrSkip(hasPython(), "python3");
  // The workers run the TypeScript source, as the rest of this test does.
  const pool = new HashWorkerPool({
    size: 2,
    workerUrl: new URL("../../../helpers/tsHashWorker.mjs", import.meta.url),
  });
  const python = run ? pythonFingerprints() : undefined;
  afterAll(async () => {
    await pool.close();
    await python?.close();
  });

  it.runIf(run)(
    "is the prototype's, computed in Python, on 200 trees of tricky names, dotfiles, empty folders and symlinks",
    async () => {
      await fc.assert(
        fc.asyncProperty(treeArb, async (tree) => {
          const root = writeSnapshot(tree);
          const expected = await python!.of(root);
          const cacheDir = join(dirname(root), "cache");
          const here = new FsFileHasher(join(cacheDir, "here"));
          const threads = new FsFileHasher(join(cacheDir, "threads"), { pool, poolThreshold: 0 });
          const input = { name: "snapshot", root };
          expect(snapshotFingerprint(root).digest).toBe(expected);
          expect((await here.fingerprint(input)).fingerprint).toBe(expected);
          expect((await threads.fingerprint(input)).fingerprint).toBe(expected);
          // And again, from the stat cache each one wrote.
          expect((await here.fingerprint(input)).fingerprint).toBe(expected);
          expect((await threads.fingerprint(input)).fingerprint).toBe(expected);
        }),
        { numRuns: 200 },
      );
    },
    300_000,
  );

  it.runIf(run)("puts gradle/w.jar before gradle.properties, as the prototype does", async () => {
    const root = writeSnapshot({
      items: ["gradle.properties", "gradle/w.jar"].map((path) => ({
        path: path.split("/"),
        kind: "file",
        content: path,
        executable: false,
        target: 0,
      })),
      big: false,
    });
    expect(snapshotFingerprint(root).digest).toBe(await python!.of(root));
  });
});
