import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StateDir, type Deployment } from "../../../../src/drivers/deploy/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const dep = (name: string, pid = 10): Deployment => ({
  driver: "process",
  name,
  workspaceId: "ws",
  version: "v1",
  mode: "node",
  url: "http://127.0.0.1:5000",
  port: 5000,
  healthPath: "/health",
  pid,
  startTicks: "99",
  logFile: "/tmp/x.log",
  buildFingerprint: "fp",
  startedAt: "2024-01-01T00:00:00.000Z",
});

describe("StateDir", () => {
  it("writes one file per deployment and reads it back", async () => {
    const dir = join(useTmpDir(), "state");
    const state = new StateDir(dir);
    expect(await state.list()).toEqual([]);
    const file = await state.write(dep("staging-ws-v1-node"));
    expect(file).toBe(join(dir, "staging-ws-v1-node.json"));
    await state.write(dep("staging-ws-v0-node"));
    expect((await state.list()).map((d) => d.name)).toEqual(["staging-ws-v0-node", "staging-ws-v1-node"]);
    expect(await state.read("staging-ws-v1-node")).toEqual(dep("staging-ws-v1-node"));
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("replaces a record whole and removes it", async () => {
    const state = new StateDir(useTmpDir());
    await state.write(dep("a1", 1));
    await state.write(dep("a1", 2));
    expect((await state.read("a1"))?.pid).toBe(2);
    await state.remove("a1");
    await state.remove("a1");
    expect(await state.read("a1")).toBeNull();
  });

  it("skips files that are not deployment records", async () => {
    const dir = useTmpDir({ "broken.json": "{", "other.json": '{"name": 3}', "note.txt": "x" });
    const state = new StateDir(dir);
    await state.write(dep("ok"));
    writeFileSync(join(dir, "half.json.123.tmp"), "{");
    expect((await state.list()).map((d) => d.name)).toEqual(["ok"]);
  });
});
