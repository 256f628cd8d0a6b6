import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadTreeStatCache,
  writeTreeStatCache,
  type TreeStatCache,
} from "../../../src/filehash/TreeStatCache.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

const sample: TreeStatCache = {
  writtenAtMs: 1_700_000_000_123.5,
  rels: ["a b", "dir/é", "x"].join("\0"),
  count: 3,
  stats: Float64Array.from({ length: 15 }, (_, i) => i * 1.25 + 1e12),
  json: '{"a b":"h1","dir/é":"h2","x":"h3"}',
  digest: "d".repeat(64),
  token: "epoch:42",
};

describe("the tree stat cache file", () => {
  it("reads back exactly what was written, numbers, paths and tree", async () => {
    const path = join(useTmpDir(), "c.bin");
    await writeTreeStatCache(path, sample);
    expect(await loadTreeStatCache(path)).toEqual(sample);
  });

  it("is no cache at all when missing, truncated, padded or of another format", async () => {
    const dir = useTmpDir();
    const path = join(dir, "c.bin");
    expect(await loadTreeStatCache(path)).toBeUndefined();
    await writeTreeStatCache(path, sample);
    const bytes = readFileSync(path);
    for (const broken of [
      bytes.subarray(0, bytes.length - 1),
      Buffer.concat([bytes, Buffer.from("x")]),
      bytes.subarray(0, 20),
      Buffer.from('{"format":1,"writtenAtMs":0,"entries":{}}'),
      Buffer.alloc(0),
      Buffer.from(bytes.toString("latin1").replace('"count":3', '"count":3.5'), "latin1"),
      Buffer.from(bytes.toString("latin1").replace('"count":3', '"count":-3'), "latin1"),
      Buffer.from(bytes.toString("latin1").replace('"token":"epoch:42"', '"token":42'), "latin1"),
    ]) {
      writeFileSync(path, broken);
      expect(await loadTreeStatCache(path)).toBeUndefined();
    }
  });
});
