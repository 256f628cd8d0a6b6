import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { taskNode } from "../../../../src/engine/defineTask.js";
import { make } from "../../../../src/engine/make.js";
import { TaskGraph } from "../../../../src/engine/TaskGraph.js";
import { FsFileHasher } from "../../../../src/filehash/FsFileHasher.js";
import { HashWorkerPool } from "../../../../src/filehash/HashWorkerPool.js";
import {
  hashedSnapshotFingerprint,
  snapshotFingerprint,
} from "../../../../src/staging/fingerprint/snapshotFingerprint.js";
import { FsStore } from "../../../../src/store/FsStore.js";
import { fingerprintTask, type FingerprintOutput } from "../../../../tasks/fingerprint.js";
import { fakeClock } from "../../../helpers/fakeClock.js";
import { useTmpDir, type Tree } from "../../../helpers/useTmpDir.js";

const pool = new HashWorkerPool({
  size: 2,
  workerUrl: new URL("../../../helpers/tsHashWorker.mjs", import.meta.url),
});
afterAll(() => pool.close());

const FILES = 60;

function workspace(): { dir: string; snapshotDir: string } {
  const tree: Tree = {};
  for (let i = 0; i < FILES; i++) tree[`snapshot/d${i % 4}/f${i}.txt`] = `file ${i}\n`.repeat(i + 1);
  const dir = useTmpDir(tree);
  // Older than the racy window, so that the stat cache may vouch for them.
  const past = new Date(Date.now() - 60_000);
  for (let i = 0; i < FILES; i++) utimesSync(join(dir, `snapshot/d${i % 4}/f${i}.txt`), past, past);
  return { dir, snapshotDir: join(dir, "snapshot") };
}

describe.each([
  ["on the calling thread", {}],
  ["in hash workers", { pool, poolThreshold: 0 }],
])("a fingerprint node, hashed %s", (_, options) => {
  const setup = () => {
    const { dir, snapshotDir } = workspace();
    const hasher = new FsFileHasher(join(dir, ".staging/filecache"), options);
    const store = new FsStore(join(dir, ".staging"));
    const graph = new TaskGraph([taskNode(fingerprintTask, { slug: "v", snapshotDir })]);
    let runs = 0;
    const run = (force: string[] = []) =>
      make(graph, ["fingerprint:v"], {
        store,
        hasher,
        clock: fakeClock(),
        env: {},
        runId: `r${++runs}`,
        force,
      });
    return { snapshotDir, hasher, run };
  };

  it("reads each file once when cold: the key's scan gives the fingerprint too", async () => {
    const { snapshotDir, hasher, run } = setup();
    const result = await run();
    expect(result.executed).toEqual(["fingerprint:v"]);
    expect(hasher.filesRead).toBe(FILES);
    const output = result.outputs.get("fingerprint:v") as FingerprintOutput;
    expect(output).toEqual({ snapshot_fingerprint: snapshotFingerprint(snapshotDir).digest, files: FILES });
  });

  it("reads nothing when nothing changed, nor when it reruns on an unchanged tree", async () => {
    const { hasher, run } = setup();
    const first = await run();
    const read = hasher.filesRead;
    expect((await run()).upToDate).toEqual(["fingerprint:v"]);
    const forced = await run(["fingerprint:v"]);
    expect(forced.executed).toEqual(["fingerprint:v"]);
    expect(forced.outputs.get("fingerprint:v")).toEqual(first.outputs.get("fingerprint:v"));
    expect(hasher.filesRead).toBe(read);
  });

  it("after an edit, reads the edited file for the key, then every file once for the fingerprint", async () => {
    const { snapshotDir, hasher, run } = setup();
    await run();
    const read = hasher.filesRead;
    writeFileSync(join(snapshotDir, "d1/f1.txt"), "edited\n");
    const result = await run();
    expect(result.executed).toEqual(["fingerprint:v"]);
    // The prototype's fingerprint is one hash over every byte: an edit costs a full read. There is
    // no check after the action (it fingerprints the tree its key was made from).
    expect(hasher.filesRead - read).toBe(1 + FILES);
    const output = result.outputs.get("fingerprint:v") as FingerprintOutput;
    expect(output.snapshot_fingerprint).toBe(snapshotFingerprint(snapshotDir).digest);
  });

  it("says so when the snapshot changed between its key's scan and the action", async () => {
    const { snapshotDir, hasher } = setup();
    const input = { name: "snapshot", root: snapshotDir };
    const keyed = (await hasher.hash(input)).digest;
    writeFileSync(join(snapshotDir, "d2/f2.txt"), "written meanwhile\n");
    // Another node's scan saw the new tree after this node's key was made.
    const now = (await hasher.hash(input)).digest;
    const { digest, files } = snapshotFingerprint(snapshotDir);
    expect(await hashedSnapshotFingerprint(snapshotDir, keyed)).toEqual({ digest, files, keyed: false });
    expect(await hashedSnapshotFingerprint(snapshotDir, now)).toEqual({ digest, files, keyed: true });
  });
});
