import { spawnSync } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RECORD_FORMAT, type NodeRecord } from "../../../src/engine/NodeRecord.js";
import { encodeId, FsStore } from "../../../src/store/FsStore.js";
import { RecordLog } from "../../../src/store/RecordLog.js";
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
const manifest = (id: string, files: Record<string, Record<string, string>> = {}) => [
  JSON.stringify({ id, taskVersion: "1", files, values: {}, env: {}, upstream: {} }),
];

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

  it("keeps a large manifest in a file of its own, as the text it was given", async () => {
    const dir = useTmpDir();
    const tree = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`src/f${i}.ts`, "ab".repeat(32)]));
    const head = JSON.stringify({
      id: "fingerprint:big",
      taskVersion: "1",
      values: {},
      env: {},
      upstream: {},
    });
    const parts = [`${head.slice(0, -1)},"files":{"snapshot":`, JSON.stringify(tree), "}}"];
    const text = parts.join("");
    await new FsStore(dir).put(record("fingerprint:big"), parts);
    expect(readFileSync(join(dir, "manifests", `${encodeId("fingerprint:big")}.json`), "utf8")).toBe(text);
    expect(await new FsStore(dir).getManifest("fingerprint:big")).toEqual(JSON.parse(text));
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
    expect(warnings[0]).toMatch(
      /^line 3 of .*records.log is damaged \(a write cut short by a crash or a full disk\) and was skipped: a node it recorded runs again unless an earlier record of it still holds/,
    );
  });

  it("keeps the entry appended after a torn last line, and drops the torn line on that write", async () => {
    const dir = useTmpDir();
    const store = new FsStore(dir);
    await store.put(record("a"), manifest("a"));
    await store.put(record("b"), manifest("b"));
    await store.flush();
    const path = join(dir, "records.log");
    const text = readFileSync(path, "utf8");
    // A power cut in the middle of b's line: no newline at the end of the file.
    writeFileSync(path, text.slice(0, text.length - 30));
    const warnings: string[] = [];
    const next = new FsStore(dir, (m) => warnings.push(m));
    await next.put(record("c"), manifest("c"));
    await next.flush();
    expect(warnings).toHaveLength(1);
    const later: string[] = [];
    const reread = new FsStore(dir, (m) => later.push(m));
    expect(await reread.list()).toEqual(["a", "c"]);
    expect(later).toEqual([]);
    expect(readFileSync(path, "utf8").endsWith("\n")).toBe(true);
  });

  it("reads a header cut short by a full disk as an empty log, and writes it whole on the next append", () => {
    const dir = useTmpDir({ "records.log": '{"staging-st' });
    const warnings: string[] = [];
    const log = new RecordLog(join(dir, "records.log"), (m) => warnings.push(m));
    expect(log.read()).toEqual({ entries: [], lines: 0, damaged: 0 });
    log.append({ t: "start", id: "a" });
    log.close();
    expect(log.read().entries).toEqual([{ t: "start", id: "a" }]);
    expect(warnings).toEqual([]);
  });

  it("starts an append on a fresh line even when nothing compacts the log", () => {
    const dir = useTmpDir();
    const log = new RecordLog(join(dir, "records.log"), () => {});
    log.append({ t: "start", id: "a" });
    log.close();
    const path = join(dir, "records.log");
    writeFileSync(path, readFileSync(path, "utf8") + '0123456789abcdef {"t":"sta');
    const warnings: string[] = [];
    const again = new RecordLog(path, (m) => warnings.push(m));
    again.append({ t: "start", id: "b" });
    again.close();
    expect(again.read().entries).toEqual([
      { t: "start", id: "a" },
      { t: "start", id: "b" },
    ]);
    expect(warnings).toHaveLength(1);
  });

  it("sweeps the temp files a killed process left beside run summaries and manifests, not a live one's", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const dir = useTmpDir({
      [`runs/r1.json.tmp-${dead}-0a1b2c3d`]: "{",
      [`manifests/m.json.tmp-${dead}-0a1b2c3d`]: "{",
      [`runs/r2.json.tmp-${process.pid}-0a1b2c3d`]: "{",
    });
    await new FsStore(dir).put(record("a"), manifest("a"));
    expect(readdirSync(join(dir, "runs"))).toEqual([`r2.json.tmp-${process.pid}-0a1b2c3d`]);
    expect(readdirSync(join(dir, "manifests"))).toEqual([]);
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
