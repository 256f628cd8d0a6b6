import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoWorkspace } from "../test/helpers/demoWorkspaceFiles.js";
import { timeCommand } from "./measure.js";
import { Table } from "./report.js";
import { gitCommitAll, setup, staging } from "./workspaces.js";

/**
 * The demo (both versions, modes node and bun, with its staging.config.ts), after a completed
 * campaign: how long commands take to start, and a no-op `make campaign:candidate` and `status`,
 * against `node -e 0` and `git status` in the same clone.
 */
export function benchDemo(runs: number, env: NodeJS.ProcessEnv): void {
  const ws = mkdtempSync(join(tmpdir(), "staging-bench-demo-"));
  try {
    writeDemoWorkspace(ws, { runs: 2, durationS: 1, modes: ["node", "bun"] });
    gitCommitAll(ws);
    setup(staging("run-campaign", "candidate"), ws, env);
    const opts = { cwd: ws, env, runs, warmup: 1 };
    const node = timeCommand("node -e 0", [process.execPath, "-e", "0"], opts);
    const help = timeCommand("staging --help", staging("--help"), opts);
    const versions = timeCommand("staging versions", staging("versions"), opts);
    new Table(
      "Startup",
      `The demo workspace (2 versions, modes node and bun, its staging.config.ts), ${runs} runs each.`,
    )
      .row(node)
      .row(help, node, 1.3)
      .row(versions, node, 1.3)
      .print();
    const git = timeCommand("git status", ["git", "status", "--porcelain"], opts);
    const make = timeCommand("staging make campaign:candidate", staging("make", "campaign:candidate"), opts);
    const status = timeCommand("staging status", staging("status"), opts);
    new Table(
      "No-op on the demo after a campaign",
      `The same clone, committed to git (the store and campaign outputs ignored); no file-system monitor. ${runs} runs each.`,
    )
      .row(git)
      .row(make, git, 3)
      .row(status, git, 3)
      .print();
  } finally {
    setup(staging("down"), ws, env);
    rmSync(ws, { recursive: true, force: true });
  }
}
