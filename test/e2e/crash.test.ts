import { writeFileSync } from "node:fs";
import { FsStore } from "../../src/store/FsStore.js";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exited, runCli, startCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";
import { generateVersions } from "../helpers/workspaces.js";

/** Node id -> key of every record in the store, read as a new process would. */
async function recordKeys(ws: string): Promise<Map<string, string>> {
  const store = new FsStore(join(ws, ".staging"));
  const out = new Map<string, string>();
  for (const id of await store.list()) out.set(id, (await store.get(id))!.key);
  return out;
}

async function outputs(ws: string): Promise<unknown[]> {
  const store = new FsStore(join(ws, ".staging"));
  return Promise.all((await store.list()).map(async (id) => (await store.get(id))!.output));
}

function makeJson(ws: string): { executed: string[]; upToDate: string[]; failed: string[] } {
  const result = runCli(["--workspace", ws, "make", "fingerprint:*", "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { executed: string[]; upToDate: string[]; failed: string[] };
}

describe("crash safety", () => {
  it("resumes after SIGKILL at random points without repeating completed nodes (30 trials)", async () => {
    const ws = useTmpDir();
    const slugs = generateVersions(ws, 6, 400, 2048);
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const outcomes: number[] = [];
    for (let trial = 0; trial < 30; trial++) {
      // Give the run work to do: edit a file in some versions, or lose some records (perturb).
      for (const slug of slugs) {
        if (random() < 0.5)
          writeFileSync(join(ws, "versions", slug, "snapshot", "d0", "f0.txt"), `trial ${trial} ${random()}`);
      }
      if (trial % 3 === 2) {
        const store = new FsStore(join(ws, ".staging"));
        for (const id of await store.list()) if (random() < 0.5) await store.delete(id);
        await store.flush();
      }
      const before = await recordKeys(ws);
      const child = startCli(["--workspace", ws, "make", "fingerprint:*", "--concurrency", "2"]);
      const done = exited(child);
      await new Promise((r) => setTimeout(r, 120 + random() * 500));
      child.kill("SIGKILL");
      await done;
      // The nodes the killed process completed: their records are new or rewritten.
      const completed = [...(await recordKeys(ws))]
        .filter(([id, key]) => before.get(id) !== key)
        .map(([id]) => id);
      outcomes.push(completed.length);
      const resumed = makeJson(ws);
      expect(resumed.failed).toEqual([]);
      // A node that completed before the kill is not repeated.
      expect(resumed.executed.filter((id) => completed.includes(id))).toEqual([]);
      expect([...resumed.executed, ...resumed.upToDate].sort()).toEqual(slugs.map((s) => `fingerprint:${s}`));
      expect(makeJson(ws).executed).toEqual([]);
    }
    // How many nodes the killed process had completed, per trial: shows the kills landed mid-run.
    console.log(`crash trials, nodes completed before the kill: ${outcomes.join(" ")}`);
  }, 240_000);

  it("rebuilds deleted records to the same outputs (perturbation)", async () => {
    const ws = useTmpDir();
    generateVersions(ws, 4, 50);
    makeJson(ws);
    const before = await outputs(ws);
    const store = new FsStore(join(ws, ".staging"));
    for (const id of ["fingerprint:v00", "fingerprint:v01", "fingerprint:v02"]) await store.delete(id);
    await store.flush();
    const again = makeJson(ws);
    expect(again.executed).toEqual(["fingerprint:v00", "fingerprint:v01", "fingerprint:v02"]);
    expect(await outputs(ws)).toEqual(before);
  });
});
