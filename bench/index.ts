import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join } from "node:path";
import { benchDemo } from "./demoWorkspace.js";
import { benchGraph } from "./graph.js";
import { benchLargeTree } from "./largeTree.js";
import { benchLoadCeiling } from "./loadCeiling.js";
import { versionOf } from "./measure.js";
import { printSummary } from "./report.js";

/**
 * `npm run bench`: the commands users type, as whole processes with their config, each beside
 * the same work done by a reference tool in the same run, as Markdown for docs/performance.md.
 * `--small` for a tenth of the sizes, `--runs N` (default 5), `--only demo,tree,graph,load`.
 */
const args = process.argv.slice(2);
const small = args.includes("--small");
const runs = Number(args[args.indexOf("--runs") + 1] ?? 5) || 5;
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? "").split(",") : ["demo", "tree", "graph", "load"];
const files = small ? 10_000 : 100_000;
const nodes = small ? 1_000 : 10_000;

// A cache folder of the bench's own, warmed by the first run of each command like a user's.
const cacheDir = mkdtempSync(join(tmpdir(), "staging-bench-cache-"));
const env = { ...process.env, STAGING_CACHE_DIR: cacheDir, STAGING_FSMONITOR: "0" };

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`## Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC\n`);
console.log(
  `- machine: ${type()} ${release()}, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
);
console.log(
  `- node ${process.version}; ${versionOf(["git", "--version"])}; ninja ${versionOf(["ninja", "--version"])}`,
);
console.log(`- load average before: ${load()}`);
console.log(`- ${runs} runs of each command after one unmeasured run; median (min–max) of wall time`);
try {
  if (only.includes("demo")) benchDemo(runs, env, small);
  if (only.includes("tree")) benchLargeTree(files, runs, env);
  if (only.includes("graph")) benchGraph(nodes, runs, env);
  console.log(`\n- load average after: ${load()}`);
  printSummary();
  if (only.includes("load")) await benchLoadCeiling();
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
