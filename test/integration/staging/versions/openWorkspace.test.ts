import { mkdirSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listVersions } from "../../../../src/staging/versions/index.js";
import { openWorkspace, recoverWorkspace } from "../../../../src/staging/workspace/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { MODES, stagingErrorOf, treeState, versionTree } from "./helpers.js";

describe("openWorkspace", () => {
  it("resolves the folders and the default benchmark path", async () => {
    const root = useTmpDir({ versions: null });
    const ws = await openWorkspace(root, { requiredModes: MODES });
    expect(ws).toEqual({
      root,
      versionsDir: join(root, "versions"),
      stagingDir: join(root, ".staging"),
      benchmarkPath: join(root, "benchmark/benchmark.yaml"),
      requiredModes: MODES,
    });
    const custom = await openWorkspace(root, { requiredModes: [], benchmarkPath: "bench/b.yaml" });
    expect(custom.benchmarkPath).toBe(join(root, "bench/b.yaml"));
  });

  it("opens a folder with only benchmark/, and creates versions/ only when asked", async () => {
    const withBenchmark = useTmpDir({ benchmark: null });
    expect((await openWorkspace(withBenchmark, { requiredModes: MODES })).root).toBe(withBenchmark);
    const empty = useTmpDir({});
    expect((await stagingErrorOf(() => openWorkspace(empty, { requiredModes: MODES }))).code).toBe(
      "E_NOT_A_WORKSPACE",
    );
    await openWorkspace(empty, { requiredModes: MODES, init: true });
    expect(await readdir(empty)).toEqual(["versions"]);
  });

  it("does not write anything when there is nothing to recover", async () => {
    const root = useTmpDir(versionTree("v1", "staging"));
    const before = await treeState(root);
    await listVersions(await openWorkspace(root, { requiredModes: MODES }));
    expect(await treeState(root)).toEqual(before);
  });

  it("removes the temp folders of dead processes and keeps those of live ones", async () => {
    const root = useTmpDir({
      ...versionTree("v1", "staging"),
      ".staging/tmp/create-2147483646-0123456789ab/snapshot/a.txt": "half",
      ".staging/tmp/write-2147483646-0123456789ab": "half",
      [`.staging/tmp/create-${process.pid}-0123456789ab/version.yaml`]: "in progress",
      ".staging/tmp/stray": "?",
    });
    const ws = await openWorkspace(root, { requiredModes: MODES });
    expect(await readdir(join(ws.stagingDir, "tmp"))).toEqual([`create-${process.pid}-0123456789ab`]);
    expect(await recoverWorkspace(ws)).toEqual({ removedTemps: [], journalsRolledForward: 0 });
  });

  it("refuses a corrupt journal and leaves everything as it is", async () => {
    const root = useTmpDir(versionTree("v1", "staging"));
    mkdirSync(join(root, ".staging/journal"), { recursive: true });
    writeFileSync(
      join(root, ".staging/journal/1-2-abcd.json"),
      '{"format": 1, "writes": [{"path": "../etc/passwd", "content": "x"}]}',
    );
    const before = await treeState(root);
    const error = await stagingErrorOf(() => openWorkspace(root, { requiredModes: MODES }));
    expect(error.code).toBe("E_JOURNAL_CORRUPT");
    expect(error.exitCode).toBe(2);
    expect(await treeState(root)).toEqual(before);
  });
});
