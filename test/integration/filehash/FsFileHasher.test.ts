import { chmodSync, symlinkSync, utimesSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { treeDigest } from "../../../src/engine/InputManifest.js";
import type { FileInput } from "../../../src/engine/TaskNode.js";
import { FsFileHasher } from "../../../src/filehash/FsFileHasher.js";
import { HashWorkerPool } from "../../../src/filehash/HashWorkerPool.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

// The worker runs the TypeScript source, as the rest of this test does.
const pool = new HashWorkerPool({
  size: 2,
  workerUrl: new URL("../../helpers/tsHashWorker.mjs", import.meta.url),
});
afterAll(() => pool.close());

// Every tree goes to the worker pool in the second run: listed here without a cache, listed in
// the worker once a cache exists.
describe.each([
  ["on the calling thread", {}],
  ["in hash workers", { pool, poolThreshold: 0 }],
])("FsFileHasher %s", (_, options) => {
  const hasher = (cacheDir: string | undefined) => new FsFileHasher(cacheDir, options);
  const files = async (h: FsFileHasher, input: FileInput) => (await h.hash(input)).files();

  it("hashes every file by content, with relative sorted paths, executables and symlinks marked", async () => {
    const root = useTmpDir({ "tree/b.txt": "b", "tree/a/x.sh": "#!/bin/sh", "cache/": null });
    chmodSync(join(root, "tree/a/x.sh"), 0o755);
    symlinkSync("b.txt", join(root, "tree/link"));
    const h = hasher(join(root, "cache"));
    for (const round of [1, 2]) {
      const tree = await h.hash({ name: "t", root: join(root, "tree") });
      const hashes = tree.files();
      expect(Object.keys(hashes), `round ${round}`).toEqual(["a/x.sh", "b.txt", "link"]);
      expect(hashes["a/x.sh"]).toMatch(/^[0-9a-f]{64}\+x$/);
      expect(hashes["link"]).toMatch(/^@[0-9a-f]{64}$/);
      expect(tree.digest).toBe(treeDigest(hashes));
    }
  });

  it("gives the same hashes for the same contents wherever the tree lives", async () => {
    const root = useTmpDir({ "one/f": "same", "two/f": "same" });
    const h = hasher(undefined);
    expect(await files(h, { name: "t", root: join(root, "one") })).toEqual(
      await files(h, { name: "t", root: join(root, "two") }),
    );
  });

  it("lets content decide: a touched file keeps its hash, an edit with the same size and mtime is still seen once racy", async () => {
    const root = useTmpDir({ "tree/f": "aaaa" });
    const file = join(root, "tree/f");
    const h = hasher(join(root, "cache"));
    const first = await files(h, { name: "t", root: join(root, "tree") });
    const now = new Date();
    utimesSync(file, now, now);
    expect(await files(h, { name: "t", root: join(root, "tree") })).toEqual(first);
    // Same size, mtime forced back to what the cache saw: only the racy window protects this.
    const { mtime } = statSync(file);
    writeFileSync(file, "bbbb");
    utimesSync(file, mtime, mtime);
    const after = await files(h, { name: "t", root: join(root, "tree") });
    expect(after["f"]).not.toEqual(first["f"]);
  });

  it("trusts the cache for files older than the racy window, and still sees a changed size", async () => {
    const root = useTmpDir({ "tree/f": "old" });
    const file = join(root, "tree/f");
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    const h = hasher(join(root, "cache"));
    await h.hash({ name: "t", root: join(root, "tree") });
    writeFileSync(file, "newer content");
    utimesSync(file, past, past);
    const again = await files(h, { name: "t", root: join(root, "tree") });
    expect(again["f"]).toBe((await files(hasher(undefined), { name: "t", root: join(root, "tree") }))["f"]);
  });

  it("sees a file added or removed under an unchanged cache", async () => {
    const root = useTmpDir({ "tree/a": "a", "tree/b": "b" });
    const h = hasher(join(root, "cache"));
    const input = { name: "t", root: join(root, "tree") };
    const before = await h.hash(input);
    writeFileSync(join(root, "tree/c"), "c");
    const added = await h.hash(input);
    expect(Object.keys(added.files())).toEqual(["a", "b", "c"]);
    expect(added.digest).not.toBe(before.digest);
  });

  it("honours include and exclude globs and does not enter excluded folders", async () => {
    const root = useTmpDir({
      "tree/src/a.ts": "a",
      "tree/src/a.test.ts": "t",
      "tree/node_modules/x/y.js": "y",
      "tree/README.md": "r",
      "cache/": null,
    });
    const h = hasher(join(root, "cache"));
    for (const round of [1, 2]) {
      const hashes = await files(h, {
        name: "t",
        root: join(root, "tree"),
        include: ["src/**", "README.md"],
        exclude: ["**/*.test.ts", "node_modules"],
      });
      expect(Object.keys(hashes), `round ${round}`).toEqual(["README.md", "src/a.ts"]);
    }
  });

  it("reads a missing root as an empty tree", async () => {
    const root = useTmpDir();
    expect(await files(hasher(undefined), { name: "t", root: join(root, "nope") })).toEqual({});
  });

  it("fails with the file system's error when the root is not a folder", async () => {
    const root = useTmpDir({ file: "x", "cache/": null });
    const h = hasher(join(root, "cache"));
    const failed = h.hash({ name: "t", root: join(root, "file") });
    await expect(failed).rejects.toMatchObject({ code: "ENOTDIR" });
    await expect(failed).rejects.toThrow(join(root, "file"));
  });
});
