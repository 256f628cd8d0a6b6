import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HashWorkerPool } from "../../../src/filehash/HashWorkerPool.js";
import { PoolScanner } from "../../../src/filehash/PoolScanner.js";
import { readTree } from "../../../src/filehash/readTree.js";
import { statTree } from "../../../src/filehash/statTree.js";
import { useTmpDir, type Tree } from "../../helpers/useTmpDir.js";

const pool = new HashWorkerPool({
  size: 2,
  workerUrl: new URL("../../helpers/tsHashWorker.mjs", import.meta.url),
});
afterAll(() => pool.close());
const scanner = new PoolScanner(pool);

/** `folders` x `subfolders` folders of a few files, with names that sort differently by component. */
function tree(folders: number, subfolders: number): string {
  const files: Tree = { "top.txt": "top", "a.b": "dot" };
  for (let f = 0; f < folders; f++)
    for (let s = 0; s < subfolders; s++)
      for (const name of ["x", "x.y", "x-y"]) files[`a${f}/s${s}/${name}`] = `${f}/${s}/${name}`;
  const root = join(useTmpDir(files), "");
  symlinkSync("top.txt", join(root, "link"));
  return root;
}

describe("PoolScanner", () => {
  it.each([
    ["few folders, listed on this thread", 1, 2],
    ["many folders, shared among the workers", 3, 5],
  ])("lists a tree never scanned exactly as statTree does: %s", async (_, folders, subfolders) => {
    const root = tree(folders, subfolders);
    const expected = statTree(root);
    for (const listed of [await scanner.listUnknown(root), await scanner.list(root)]) {
      expect(listed.rels).toEqual(expected.rels);
      expect(Array.from(listed.stats)).toEqual(Array.from(expected.stats));
    }
  });

  it("reads every file once in the tree's order, for the same hashes and fingerprint as one thread", async () => {
    const root = tree(3, 5);
    const listed = statTree(root);
    const here = readTree(root + "/", listed, () => undefined, true);
    const shared = await scanner.read(root + "/", listed, () => undefined, true);
    expect(shared).toEqual(here);
    expect(shared.read).toBe(listed.rels.length);
  });

  it("reads only the files whose hash is not known, and then gives no fingerprint", async () => {
    const root = tree(2, 3);
    const listed = statTree(root);
    const all = readTree(root + "/", listed, () => undefined, true).files;
    const known = (i: number) => (i % 2 === 0 ? all[listed.rels[i]!] : undefined);
    const pass = await scanner.read(root + "/", listed, known, false);
    expect(pass.files).toEqual(all);
    expect(pass.fingerprint).toBeUndefined();
    expect(pass.read).toBe(Math.floor(listed.rels.length / 2));
  });
});
