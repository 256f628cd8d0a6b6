import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { make } from "../src/engine/make.js";
import { TaskGraph } from "../src/engine/TaskGraph.js";
import type { TaskNode } from "../src/engine/TaskNode.js";
import { FsFileHasher } from "../src/filehash/FsFileHasher.js";
import { FsStore } from "../src/store/FsStore.js";
import { systemClock } from "../src/cli/systemClock.js";
import { generateVersions } from "../test/helpers/workspaces.js";
import { fmt, has, timeCommand } from "./measure.js";

const BIN = fileURLToPath(new URL("../bin/staging.js", import.meta.url));

/**
 * A workspace of 10 versions x 10,000 files: cold and no-op `make` against `git status` on the same
 * tree. The no-op is measured twice: statting every file (what CI does), and with the workspace's
 * file-system monitor running (`fsmonitor`, like git's core.fsmonitor), warmed by two makes.
 */
export function benchWorkspace(versions = 10, files = 10_000): void {
  const ws = mkdtempSync(join(tmpdir(), "staging-bench-ws-"));
  try {
    generateVersions(ws, versions, files, 256);
    execFileSync("git", ["init", "-q"], { cwd: ws });
    execFileSync("git", ["add", "-A"], { cwd: ws });
    execFileSync("git", ["-c", "user.email=b@b", "-c", "user.name=b", "commit", "-qm", "tree"], { cwd: ws });
    const stagingArgs = [process.execPath, BIN, "--workspace", ws, "make", "fingerprint:*"];
    const plain = { cwd: ws, env: { ...process.env, STAGING_FSMONITOR: "0" } };
    const monitored = { cwd: ws, env: { ...process.env, STAGING_FSMONITOR: "1" } };
    const cold = timeCommand(stagingArgs, { ...plain, repeat: 1 });
    const noop = timeCommand(stagingArgs, { ...plain, repeat: 5, warm: true });
    timeCommand(stagingArgs, { ...monitored, repeat: 2 });
    const watched = timeCommand(stagingArgs, { ...monitored, repeat: 5, warm: true });
    timeCommand([process.execPath, BIN, "--workspace", ws, "fsmonitor", "stop"], { ...plain, repeat: 1 });
    const git = timeCommand(["git", "status", "--porcelain"], { cwd: ws, repeat: 5, warm: true });
    const nodeStart = timeCommand([process.execPath, "-e", "0"], { cwd: ws, repeat: 5, warm: true });
    console.log(`workspace: ${versions} versions x ${files} files (${versions * files} files)`);
    console.log(`  cold make                    ${fmt(cold)}`);
    console.log(`  no-op make, every file stat  ${fmt(noop)}  (${(noop / git).toFixed(2)}x git status)`);
    console.log(
      `  no-op make, fsmonitor        ${fmt(watched)}  (${(watched / git).toFixed(2)}x git status)`,
    );
    console.log(`  git status                   ${fmt(git)}`);
    console.log(`  node -e 0 (startup)          ${fmt(nodeStart)}`);
    console.log(
      `  ratio no-op make / git status: ${(watched / git).toFixed(2)}x with fsmonitor (target <= 2x)`,
    );
  } finally {
    spawnSync(process.execPath, [BIN, "--workspace", ws, "fsmonitor", "stop"], { stdio: "ignore" });
    rmSync(ws, { recursive: true, force: true });
  }
}

/** A synthetic graph of `n` nodes (each depends on up to 3 earlier ones), in-process, and ninja on the same graph. */
export async function benchGraph(n = 10_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "staging-bench-graph-"));
  try {
    const nodes: TaskNode[] = Array.from({ length: n }, (_, i) => ({
      id: `n:${i}`,
      deps:
        i === 0
          ? []
          : [...new Set([Math.floor(i / 2), Math.floor(i / 3), i - 1].filter((d) => d >= 0 && d < i))].map(
              (d) => `n:${d}`,
            ),
      taskVersion: "1",
      inputs: { values: { i } },
      action: async () => i,
    }));
    const graph = new TaskGraph(nodes);
    const store = new FsStore(join(dir, ".staging"));
    const run = async () => {
      const t0 = performance.now();
      await make(graph, [`n:${n - 1}`], {
        store,
        hasher: new FsFileHasher(undefined),
        clock: systemClock,
        env: {},
        runId: `b${Math.random()}`,
        concurrency: 8,
      });
      return performance.now() - t0;
    };
    const cold = await run();
    const noop = await run();
    console.log(`synthetic graph: ${n} nodes, in-process`);
    console.log(`  cold make   ${fmt(cold)}`);
    console.log(`  no-op make  ${fmt(noop)}`);
    if (has("ninja")) {
      const rules = ["rule touch", "  command = touch $out", ""];
      for (const node of nodes)
        rules.push(
          `build ${node.id.replace(":", "_")}: touch ${node.deps.map((d) => d.replace(":", "_")).join(" ")}`,
        );
      mkdirSync(join(dir, "ninja"), { recursive: true });
      writeFileSync(join(dir, "ninja", "build.ninja"), rules.join("\n") + "\n");
      const ninjaCold = timeCommand(["ninja", "-j8"], { cwd: join(dir, "ninja"), repeat: 1 });
      const ninjaNoop = timeCommand(["ninja"], { cwd: join(dir, "ninja"), repeat: 5 });
      console.log(`  ninja cold  ${fmt(ninjaCold)} (runs ${n} touch processes)`);
      console.log(`  ninja no-op ${fmt(ninjaNoop)}`);
      console.log(`  ratio no-op make / ninja no-op: ${(noop / ninjaNoop).toFixed(2)}x`);
    } else {
      console.log("  (ninja not installed: `apt-get install ninja-build` adds the comparison)");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
