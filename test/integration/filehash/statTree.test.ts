import { chmodSync, linkSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSymlinkMode, statPart, statTree, STATS_PER_FILE } from "../../../src/filehash/statTree.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

describe("statTree", () => {
  it("lists files and symlinks in the prototype's order, paths compared component by component", () => {
    const root = useTmpDir({
      "t/a/b": "1",
      "t/a-c": "2",
      "t/a.d/e": "3",
      "t/Z": "4",
      "t/node_modules/x": "5",
      "t/src/keep.ts": "6",
      "t/src/skip.test.ts": "7",
      "t/.hidden": "8",
      "t/empty/": null,
    });
    symlinkSync("a-c", join(root, "t/link"));
    execFileSync("mkfifo", [join(root, "t/fifo")]);
    // A folder's files sit at its name's place: `a/b` before `a-c` and `a.d/e`, which a sort of
    // whole path strings would put the other way round ('/' sorts after '-' and '.').
    const all = [
      ".hidden",
      "Z",
      "a/b",
      "a-c",
      "a.d/e",
      "link",
      "node_modules/x",
      "src/keep.ts",
      "src/skip.test.ts",
    ];
    const tree = statTree(join(root, "t"));
    expect(tree.rels).toEqual(all);
    expect(tree.stats.length).toBe(all.length * STATS_PER_FILE);
    expect(statTree(join(root, "t"), ["**"], ["node_modules", "**/*.test.ts"]).rels).toEqual(
      all.filter((rel) => !rel.startsWith("node_modules/") && !rel.endsWith(".test.ts")),
    );
    expect(statTree(join(root, "t"), ["src/**", ".hidden", "link"]).rels).toEqual([
      ".hidden",
      "link",
      "src/keep.ts",
      "src/skip.test.ts",
    ]);
  });

  it("lists a tree in parts that, put together, are the whole listing", () => {
    const root = useTmpDir({ "t/a/b/c": "1", "t/a/b.c": "2", "t/a-b": "3", "t/z/y": "4", "t/top": "5" });
    const whole = statTree(join(root, "t")).rels;
    for (const splitDepth of [1, 2, 3]) {
      const { tree, units } = statPart(join(root, "t"), ["**"], [], { splitDepth });
      const rels = [...tree.rels];
      for (const unit of [...units].reverse()) {
        const part = statPart(join(root, "t"), ["**"], [], { prefix: unit.prefix }).tree.rels;
        rels.splice(unit.before, 0, ...part);
      }
      expect(rels, `split at depth ${splitDepth}`).toEqual(whole);
    }
  });

  it("keeps inode, size, mtime, ctime and mode of each file, and tells symlinks by their mode", () => {
    const root = useTmpDir({ "t/f": "12345" });
    chmodSync(join(root, "t/f"), 0o751);
    symlinkSync("f", join(root, "t/l"));
    const { rels, stats } = statTree(join(root, "t"));
    expect(rels).toEqual(["f", "l"]);
    const f = Array.from(stats.subarray(0, STATS_PER_FILE));
    expect(f[1]).toBe(5);
    expect(f[4]! & 0o777).toBe(0o751);
    expect(isSymlinkMode(f[4]!)).toBe(false);
    expect(isSymlinkMode(stats[STATS_PER_FILE + 4]!)).toBe(true);
  });

  it("tells when a file has other hard links, which a watcher of this tree would not see change", () => {
    const root = useTmpDir({ "t/f": "x", "elsewhere/": null });
    expect(statTree(join(root, "t")).hardLinked).toBe(false);
    linkSync(join(root, "t/f"), join(root, "elsewhere/g"));
    expect(statTree(join(root, "t")).hardLinked).toBe(true);
  });

  it("refuses a file name that is not UTF-8 rather than leave the file out", () => {
    const root = useTmpDir({ "t/ok": "1", "t/caf\u00e9": "valid UTF-8" });
    expect(statTree(join(root, "t")).rels).toEqual(["caf\u00e9", "ok"]);
    writeFileSync(Buffer.from(`${join(root, "t")}/caf\xe9.cfg`, "latin1"), "latin-1 name");
    expect(() => statTree(join(root, "t"))).toThrow(/not valid UTF-8 \(bytes 636166e92e636667\)/);
  });

  it("reads a missing root as empty and fails on a root that is a file", () => {
    const root = useTmpDir({ file: "x" });
    expect(statTree(join(root, "nope")).rels).toEqual([]);
    expect(() => statTree(join(root, "file"))).toThrow(/ENOTDIR/);
  });
});
