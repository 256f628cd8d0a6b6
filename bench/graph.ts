import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { has, timeCommand } from "./measure.js";
import { Table } from "./report.js";
import { removeDir, setup, staging, writeConfig, writeManyVersions } from "./workspaces.js";

/**
 * A graph of `nodes` nodes with file inputs, no-op, as whole processes: `staging make
 * 'fingerprint:*'` over as many versions (one file each), and ninja on a build.ninja of the same
 * nodes over the same files.
 */
export function benchGraph(nodes: number, runs: number, env: NodeJS.ProcessEnv): void {
  if (!has("ninja")) {
    console.log("\n(ninja is not installed: `apt-get install ninja-build` adds the graph comparison)");
    return;
  }
  const ws = mkdtempSync(join(tmpdir(), "staging-bench-graph-"));
  try {
    const files = writeManyVersions(ws, nodes);
    writeConfig(ws);
    mkdirSync(join(ws, "out"));
    const edges = files.map((file, i) => `build out/${i}: stamp ${file}`);
    writeFileSync(
      join(ws, "build.ninja"),
      ["rule stamp", "  command = touch $out", "", ...edges, ""].join("\n"),
    );
    setup(staging("make", "fingerprint:*"), ws, env);
    setup(["ninja", "-j8"], ws, env);
    const opts = { cwd: ws, env, runs, warmup: 1, memory: true };
    const ninja = timeCommand("ninja (no work to do)", ["ninja"], opts);
    const make = timeCommand("staging make 'fingerprint:*'", staging("make", "fingerprint:*"), opts);
    new Table(
      `No-op of a ${nodes.toLocaleString("en")}-node graph with file inputs`,
      `${nodes.toLocaleString("en")} versions of one file each (a fingerprint node each), and a build.ninja of ${nodes.toLocaleString("en")} edges with the same files as inputs. ${runs} runs each.`,
    )
      .row(ninja)
      .row(make, ninja, 3)
      .print();
  } finally {
    removeDir(ws);
  }
}
