import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { timeCommand } from "./measure.js";
import { Table } from "./report.js";
import { removeDir, setup, staging } from "./workspaces.js";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const BENCHMARK = "experiments/demo/benchmark/benchmark.yaml";

/**
 * A clone of this repository, whose staging.config.ts is the demo's, after a completed campaign
 * (the demo's own benchmark; with `small`, 2 rounds of 1 s): how long commands take to start,
 * against `node -e 0`, and a no-op `make campaign:candidate` and `status` against `git status`
 * in the same clone.
 */
export function benchDemo(runs: number, env: NodeJS.ProcessEnv, small: boolean): void {
  const clone = join(mkdtempSync(join(tmpdir(), "staging-bench-demo-")), "staging");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=bench@localhost", "-c", "user.name=bench", ...args], {
      cwd: clone,
      stdio: "ignore",
    });
  try {
    execFileSync("git", ["clone", "-q", REPO, clone], { stdio: "ignore" });
    // Installed and built, as the checkout it was cloned from (both are ignored by git).
    symlinkSync(realpathSync(join(REPO, "node_modules")), join(clone, "node_modules"));
    symlinkSync(join(REPO, "dist"), join(clone, "dist"));
    if (small) {
      const text = readFileSync(join(clone, BENCHMARK), "utf8");
      writeFileSync(
        join(clone, BENCHMARK),
        text
          .replace(/^runs: .*$/m, "runs: 2")
          .replace("warmup_s: 1", "warmup_s: 0.3")
          .replace("duration_s: 4", "duration_s: 1"),
      );
      git("commit", "-qam", "a shorter benchmark");
    }
    setup(staging("run-campaign", "candidate"), clone, env);
    const opts = { cwd: clone, env, runs, warmup: 1 };
    const node = timeCommand("node -e 0", [process.execPath, "-e", "0"], opts);
    const help = timeCommand("staging --help", staging("--help"), opts);
    const versions = timeCommand("staging versions", staging("versions"), opts);
    new Table(
      "Startup",
      `In a clone of this repository (the demo: 2 versions, modes node and bun). ${runs} runs each.`,
    )
      .row(node)
      .row(help, node, 1.3)
      .row(versions, node, 1.3)
      .print();
    const status = timeCommand("git status", ["git", "status", "--porcelain"], opts);
    const make = timeCommand("staging make campaign:candidate", staging("make", "campaign:candidate"), opts);
    const stagingStatus = timeCommand("staging status", staging("status"), opts);
    new Table(
      "No-op on the demo after a campaign",
      `The same clone, after \`staging run-campaign candidate\` (${small ? "2 rounds of 1 s" : "the demo's benchmark"}); no file-system monitor. ${runs} runs each.`,
    )
      .row(status)
      .row(make, status, 3)
      .row(stagingStatus, status, 3)
      .print();
  } finally {
    setup(staging("down"), clone, env);
    removeDir(join(clone, ".."));
  }
}
