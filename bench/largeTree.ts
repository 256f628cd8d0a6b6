import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timeCommand } from "./measure.js";
import { check, Table } from "./report.js";
import { gitCommitAll, removeDir, staging, writeConfig, writeLargeTree } from "./workspaces.js";

const BYTES = 1000;

/**
 * One version of `files` files of 1,000 bytes: a cold `make fingerprint:big` (no store, no stat
 * cache) against `find | xargs sha256sum` over the same files, its peak memory, and the no-op
 * against `git status`, without monitors and with them on both sides.
 */
export function benchLargeTree(files: number, runs: number, env: NodeJS.ProcessEnv): void {
  const ws = mkdtempSync(join(tmpdir(), "staging-bench-tree-"));
  try {
    writeLargeTree(ws, files, BYTES);
    writeConfig(ws);
    gitCommitAll(ws);
    const make = staging("make", "fingerprint:big");
    const cold = timeCommand("staging make fingerprint:big (cold)", make, {
      cwd: ws,
      env,
      runs,
      memory: true,
      before: () => rmSync(join(ws, ".staging"), { recursive: true, force: true }),
    });
    const sha = timeCommand(
      "find | xargs sha256sum",
      ["find versions/big/snapshot -type f -print0 | xargs -0 sha256sum > /dev/null"],
      { cwd: ws, env, runs, warmup: 1, shell: true },
    );
    const mb = (files * BYTES) / 1e6;
    const throughput = (t: { median: number }) => `${(mb / (t.median / 1000)).toFixed(1)} MB/s`;
    const coldRatio = cold.median / sha.median;
    new Table(
      `Cold fingerprint of ${files.toLocaleString("en")} files (${mb.toFixed(0)} MB)`,
      `Each staging run starts with no store and no stat cache; the page cache is warm for both. ${runs} runs each. Target: at least 0.8x the throughput of sha256sum, i.e. at most 1.25x its time.`,
    )
      .row(sha, undefined, undefined, throughput(sha))
      .row(
        cold,
        sha,
        1.25,
        `${throughput(cold)}; ${(sha.median / cold.median).toFixed(2)}x sha256sum's throughput`,
      )
      .print();
    console.log(
      `\nPeak memory of the cold run: ${check("peak memory of the cold fingerprint (MiB)", (cold.peakKiB ?? NaN) / 1024, 150, " MiB")}; cold / sha256sum ${coldRatio.toFixed(2)}x.`,
    );
    benchNoop(ws, runs, env);
  } finally {
    spawnSync(process.execPath, [staging()[1]!, "fsmonitor", "stop"], { cwd: ws, env, stdio: "ignore" });
    removeDir(ws);
  }
}

function benchNoop(ws: string, runs: number, env: NodeJS.ProcessEnv): void {
  const make = staging("make", "fingerprint:big");
  const plain = { cwd: ws, env: { ...env, STAGING_FSMONITOR: "0" }, runs, warmup: 1, memory: true };
  const git = timeCommand("git status", ["git", "status", "--porcelain"], { ...plain, memory: false });
  const noop = timeCommand("staging make fingerprint:big", make, plain);
  // git's own daemon (core.fsmonitor=true) is not built for Linux: a hook that reports no change
  // since any token is the fastest any monitor could make git, with its untracked cache on.
  const hook = join(ws, ".git", "fsmonitor-nothing-changed");
  writeFileSync(hook, "#!/bin/sh\nprintf 'bench-token\\0'\n", { mode: 0o755 });
  const gitMonitored = timeCommand(
    "git status (fsmonitor hook, untracked cache)",
    [
      "git",
      "-c",
      `core.fsmonitor=${hook}`,
      "-c",
      "core.fsmonitorHookVersion=2",
      "-c",
      "core.untrackedCache=true",
      "status",
      "--porcelain",
    ],
    { ...plain, memory: false, warmup: 2 },
  );
  // The first make starts the daemon, the next hands it the tree: then it vouches for it.
  const monitored = timeCommand("staging make fingerprint:big (fsmonitor)", make, {
    ...plain,
    env: { ...env, STAGING_FSMONITOR: "1" },
    warmup: 3,
  });
  new Table(
    "No-op on the same tree",
    `Without monitors (git's defaults; staging stats every file), then with them on both sides. ${runs} runs each.`,
  )
    .row(git)
    .row(noop, git, 2)
    .row(gitMonitored)
    .row(monitored, gitMonitored, 1)
    .print();
}
