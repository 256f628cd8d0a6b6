import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RECORD_FORMAT, type NodeRecord } from "../../../src/engine/NodeRecord.js";
import { encodeId, FsStore } from "../../../src/host/FsStore.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

const record = (id: string): NodeRecord => ({ format: RECORD_FORMAT, id, key: "k", output: { a: 1 }, outputDigest: "d", builtAt: "t", changedAt: "t", durationMs: 1 });
const manifest = (id: string) => ({ id, taskVersion: "1", files: {}, values: {}, env: {}, upstream: {} });

describe("FsStore", () => {
  it("round-trips records and manifests under ids with colons, dots and slashes", async () => {
    const store = new FsStore(useTmpDir());
    const id = "run:camp.1:v/../x:node:3";
    await store.put(record(id), manifest(id));
    expect(await store.get(id)).toEqual(record(id));
    expect((await store.getManifest(id))?.id).toBe(id);
    expect(await store.list()).toEqual([id]);
    expect(encodeId(id)).not.toContain("/");
    expect(encodeId(id)).not.toContain("..");
  });

  it("reads a corrupt or foreign-format record as absent and says so", async () => {
    const dir = useTmpDir();
    const warnings: string[] = [];
    const store = new FsStore(dir, (m) => warnings.push(m));
    await store.put(record("a"), manifest("a"));
    await store.put(record("b"), manifest("b"));
    writeFileSync(join(dir, "nodes", `${encodeId("a")}.json`), '{"format": 1, "id": "a", "key":');
    writeFileSync(join(dir, "nodes", `${encodeId("b")}.json`), JSON.stringify({ ...record("b"), format: 99 }));
    expect(await store.get("a")).toBeUndefined();
    expect(await store.get("b")).toBeUndefined();
    expect(warnings).toEqual(["record of a is corrupt; it will be rebuilt", "record of b has another format (99); it will be rebuilt"]);
  });

  it("leaves no temporary files behind", async () => {
    const dir = useTmpDir();
    const store = new FsStore(dir);
    for (let i = 0; i < 5; i++) await store.put(record(`n${i}`), manifest(`n${i}`));
    expect(readdirSync(join(dir, "nodes")).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("tracks nodes that were running", async () => {
    const store = new FsStore(useTmpDir());
    await store.markInflight("image:a:jvm");
    expect(await store.inflight()).toEqual(["image:a:jvm"]);
    await store.clearInflight("image:a:jvm");
    expect(await store.inflight()).toEqual([]);
  });
});
