import { describe, expect, it } from "vitest";
import { computeManifest } from "../../../src/engine/computeManifest.js";
import type { HashedTree } from "../../../src/engine/FileHasher.js";
import { manifestKey } from "../../../src/engine/InputManifest.js";
import type { TaskNode } from "../../../src/engine/TaskNode.js";
import { MemoryHasher } from "../../helpers/MemoryHasher.js";

const node: TaskNode = {
  id: "n:1",
  deps: ["up:1"],
  taskVersion: "t@1",
  inputs: {
    files: [
      { name: "src", root: "/w/src" },
      { name: "docs", root: "/w/docs" },
    ],
    values: { level: 3 },
    env: ["HOME_X"],
  },
  action: async () => null,
};

describe("computeManifest", () => {
  it("keys a node exactly as manifestKey keys its full manifest", async () => {
    const hasher = new MemoryHasher();
    hasher.write("/w/src/a", "1");
    hasher.write("/w/docs/b", "2");
    const current = await computeManifest(node, hasher, { HOME_X: "v" }, { "up:1": "u" });
    expect(current.key).toBe(manifestKey(current.manifest()));
    expect(current.manifest().files).toEqual({
      src: { a: expect.any(String) as string },
      docs: { b: expect.any(String) as string },
    });
    // What the store writes: the same manifest, its trees spliced in as the hasher's text.
    expect(JSON.parse(current.manifestJson().join(""))).toEqual(current.manifest());
  });

  it("builds the file lists only when the manifest is asked for", async () => {
    let built = 0;
    const lazy = {
      hash: async (): Promise<HashedTree> => ({ digest: "d", files: () => (built++, {}), json: () => "{}" }),
    };
    const current = await computeManifest(node, lazy, {}, { "up:1": "u" });
    expect(current.key).toMatch(/^[0-9a-f]{64}$/);
    expect(built).toBe(0);
    current.manifest();
    current.manifest();
    expect(built).toBe(2);
  });
});
