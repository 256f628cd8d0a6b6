import { chmodSync, symlinkSync, utimesSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FsFileHasher } from "../../../src/host/FsFileHasher.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

describe("FsFileHasher", () => {
  it("hashes every file by content, with relative sorted paths, executables and symlinks marked", async () => {
    const root = useTmpDir({ "tree/b.txt": "b", "tree/a/x.sh": "#!/bin/sh", "cache/": null });
    chmodSync(join(root, "tree/a/x.sh"), 0o755);
    symlinkSync("b.txt", join(root, "tree/link"));
    const hashes = await new FsFileHasher(join(root, "cache")).hash({ name: "t", root: join(root, "tree") });
    expect(Object.keys(hashes)).toEqual(["a/x.sh", "b.txt", "link"]);
    expect(hashes["a/x.sh"]).toMatch(/^[0-9a-f]{64}\+x$/);
    expect(hashes["link"]).toMatch(/^@[0-9a-f]{64}$/);
  });

  it("gives the same hashes for the same contents wherever the tree lives", async () => {
    const root = useTmpDir({ "one/f": "same", "two/f": "same" });
    const hasher = new FsFileHasher(undefined);
    expect(await hasher.hash({ name: "t", root: join(root, "one") })).toEqual(
      await hasher.hash({ name: "t", root: join(root, "two") }),
    );
  });

  it("lets content decide: a touched file keeps its hash, an edit with the same size and mtime is still seen once racy", async () => {
    const root = useTmpDir({ "tree/f": "aaaa" });
    const file = join(root, "tree/f");
    const hasher = new FsFileHasher(join(root, "cache"));
    const first = await hasher.hash({ name: "t", root: join(root, "tree") });
    const now = new Date();
    utimesSync(file, now, now);
    expect(await hasher.hash({ name: "t", root: join(root, "tree") })).toEqual(first);
    // Same size, mtime forced back to what the cache saw: only the racy window protects this.
    const { mtime } = statSync(file);
    writeFileSync(file, "bbbb");
    utimesSync(file, mtime, mtime);
    const after = await hasher.hash({ name: "t", root: join(root, "tree") });
    expect(after["f"]).not.toEqual(first["f"]);
  });

  it("trusts the cache for files older than the racy window, and still sees a changed size", async () => {
    const root = useTmpDir({ "tree/f": "old" });
    const file = join(root, "tree/f");
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    const hasher = new FsFileHasher(join(root, "cache"));
    await hasher.hash({ name: "t", root: join(root, "tree") });
    writeFileSync(file, "newer content");
    utimesSync(file, past, past);
    const again = await hasher.hash({ name: "t", root: join(root, "tree") });
    expect(again["f"]).toBe(
      (await new FsFileHasher(undefined).hash({ name: "t", root: join(root, "tree") }))["f"],
    );
  });

  it("honours include and exclude globs and does not enter excluded folders", async () => {
    const root = useTmpDir({
      "tree/src/a.ts": "a",
      "tree/src/a.test.ts": "t",
      "tree/node_modules/x/y.js": "y",
      "tree/README.md": "r",
    });
    const hashes = await new FsFileHasher(undefined).hash({
      name: "t",
      root: join(root, "tree"),
      include: ["src/**", "README.md"],
      exclude: ["**/*.test.ts", "node_modules"],
    });
    expect(Object.keys(hashes)).toEqual(["README.md", "src/a.ts"]);
  });

  it("reads a missing root as an empty tree", async () => {
    const root = useTmpDir();
    expect(await new FsFileHasher(undefined).hash({ name: "t", root: join(root, "nope") })).toEqual({});
  });
});
