import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exited, runCli, startCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";
import { generateVersions } from "../helpers/workspaces.js";

/** Node id -> key of every record on disk; every record must parse. */
function recordKeys(ws: string): Map<string, string> {
  const dir = join(ws, ".staging", "nodes");
  const out = new Map<string, string>();
  for (const id of completedNodes(ws)) {
    out.set(id, (JSON.parse(readFileSync(join(dir, `${encodeURIComponent(id)}.json`), "utf8")) as { key: string }).key);
  }
  return out;
}

/** Ids of the nodes whose records are on disk. */
function completedNodes(ws: string): string[] {
  const dir = join(ws, ".staging", "nodes");
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files.map((f) => (JSON.parse(readFileSync(join(dir, f), "utf8")) as { id: string }).id).sort();
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
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const outcomes: number[] = [];
    for (let trial = 0; trial < 30; trial++) {
      // Give the run work to do: edit a file in some versions, or lose some records (perturb).
      for (const slug of slugs) {
        if (random() < 0.5) writeFileSync(join(ws, "versions", slug, "snapshot", "d0", "f0.txt"), `trial ${trial} ${random()}`);
      }
      if (trial % 3 === 2) for (const id of completedNodes(ws)) if (random() < 0.5) rmSync(join(ws, ".staging", "nodes", `${encodeURIComponent(id)}.json`));
      const before = recordKeys(ws);
      const child = startCli(["--workspace", ws, "make", "fingerprint:*", "--concurrency", "2"]);
      const done = exited(child);
      await new Promise((r) => setTimeout(r, 120 + random() * 500));
      child.kill("SIGKILL");
      await done;
      // The nodes the killed process completed: their records are new or rewritten.
      const completed = [...recordKeys(ws)].filter(([id, key]) => before.get(id) !== key).map(([id]) => id);
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

  it("rebuilds deleted records to the same outputs (perturbation)", () => {
    const ws = useTmpDir();
    generateVersions(ws, 4, 50);
    makeJson(ws);
    const read = () => completedNodes(ws).map((id) => (JSON.parse(readFileSync(join(ws, ".staging", "nodes", `${encodeURIComponent(id)}.json`), "utf8")) as { output: unknown }).output);
    const before = read();
    for (const id of completedNodes(ws).filter((_, i) => i % 2 === 0)) rmSync(join(ws, ".staging", "nodes", `${encodeURIComponent(id)}.json`));
    writeFileSync(join(ws, ".staging", "nodes", `${encodeURIComponent("fingerprint:v01")}.json`), "{ not json");
    const again = makeJson(ws);
    expect(again.executed).toEqual(["fingerprint:v00", "fingerprint:v01", "fingerprint:v02"]);
    expect(read()).toEqual(before);
  });
});
