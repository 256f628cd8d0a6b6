import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RECORD_FORMAT, type NodeRecord } from "../../../src/engine/NodeRecord.js";
import { encodeId, FsStore } from "../../../src/store/FsStore.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

const record = (id: string, key = "k"): NodeRecord => ({
  format: RECORD_FORMAT,
  id,
  key,
  output: { a: 1 },
  outputDigest: "d",
  builtAt: "t",
  changedAt: "t",
  durationMs: 1,
});
const manifest = (id: string) => ({ id, taskVersion: "1", files: {}, values: {}, env: {}, upstream: {} });

describe("FsStore", () => {
  it("round-trips records and manifests under ids with colons, dots and slashes, across processes", async () => {
    const dir = useTmpDir();
    const id = "run:camp.1:v/../x:node:3";
    const store = new FsStore(dir);
    await store.put(record(id), manifest(id));
    await store.flush();
    const reopened = new FsStore(dir);
    expect(await reopened.get(id)).toEqual(record(id));
    expect((await reopened.getManifest(id))?.id).toBe(id);
    expect(await reopened.list()).toEqual([id]);
    expect(encodeId(id)).not.toMatch(/[/]|\.\./);
  });

  it("ignores a line torn by a crash, and keeps every record before it", async () => {
    const dir = useTmpDir();
    const store = new FsStore(dir);
    await store.put(record("a"), manifest("a"));
    await store.put(record("b"), manifest("b"));
    await store.flush();
    const log = readFileSync(join(dir, "records.log"), "utf8");
    const lines = log.split("\n");
    writeFileSync(join(dir, "records.log"), [...lines.slice(0, 2), lines[2]!.slice(0, 40)].join("\n"));
    const warnings: string[] = [];
    const reopened = new FsStore(dir, (m) => warnings.push(m));
    expect(await reopened.list()).toEqual(["a"]);
    expect(warnings[0]).toMatch(/a damaged line in .*records.log was ignored/);
  });

  it("reads a record of another format as absent, so the node is rebuilt", async () => {
    const dir = useTmpDir();
    const warnings: string[] = [];
    const store = new FsStore(dir, (m) => warnings.push(m));
    await store.put({ ...record("b"), format: 99 as typeof RECORD_FORMAT }, manifest("b"));
    expect(await new FsStore(dir, (m) => warnings.push(m)).get("b")).toBeUndefined();
    expect(warnings).toContain("record of b has another format (99); it will be rebuilt");
  });

  it("reads a log of another store format as empty, with a warning", async () => {
    const dir = useTmpDir({ "records.log": '{"staging-store":99}\n' });
    const warnings: string[] = [];
    expect(await new FsStore(dir, (m) => warnings.push(m)).list()).toEqual([]);
    expect(warnings[0]).toMatch(/has another format; every node will be rebuilt/);
  });

  it("keeps the last record of a node and compacts a long log to its live entries", async () => {
    const dir = useTmpDir();
    const store = new FsStore(dir);
    for (let i = 0; i < 300; i++) await store.put(record("n", `k${i}`), manifest("n"));
    await store.flush();
    const next = new FsStore(dir);
    expect((await next.get("n"))?.key).toBe("k299");
    await next.put(record("m"), manifest("m"));
    await next.flush();
    expect(readFileSync(join(dir, "records.log"), "utf8").trim().split("\n")).toHaveLength(3);
    expect((await new FsStore(dir).get("n"))?.key).toBe("k299");
  });

  it("tracks nodes that were running when the process died", async () => {
    const dir = useTmpDir();
    const store = new FsStore(dir);
    await store.markInflight("image:a:jvm");
    await store.markInflight("image:b:jvm");
    await store.put(record("image:b:jvm"), manifest("image:b:jvm"));
    await store.flush();
    expect(await new FsStore(dir).inflight()).toEqual(["image:a:jvm"]);
    await store.clearInflight("image:a:jvm");
    expect(await new FsStore(dir).inflight()).toEqual([]);
    appendFileSync(join(dir, "records.log"), "");
  });
});
