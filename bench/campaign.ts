import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { writeDemoWorkspace } from "../test/helpers/demoWorkspaceFiles.js";

/**
 * `npm run bench:campaign`: how often a campaign's verdicts are right, on this machine, quiet and
 * under a CPU noise generator the bench starts itself (scripts/ci/noise.mjs: two processes burning
 * CPU in seeded random bursts, about 50% duty each).
 * - A/A: the baseline against an identical copy. Any `improved` or `regressed` on a critical metric
 *   is a false alarm; `equivalent` on every critical metric is the right answer.
 * - +5% CPU: a candidate that repeats its function's work on every 15th request (about 5% more CPU
 *   per request, responses unchanged): `regressed` on cpu_per_request, and on p95, is right.
 * Each campaign: node mode, duet rounds of 4 windows, until decided (8 to 20 rounds), seeded;
 * BENCH_LOAD and BENCH_MAX_ROUNDS change the load and the budget.
 * Rates print with their counts and 95% Wilson intervals. BENCH_REPEATS sets the campaigns per
 * scenario (default 20); BENCH_SCENARIOS picks some (aa-quiet,aa-noise,slow-quiet,slow-noise,demo).
 */
const BIN = fileURLToPath(new URL("../bin/staging.js", import.meta.url));
const NOISE = fileURLToPath(new URL("../scripts/ci/noise.mjs", import.meta.url));
const REPO = fileURLToPath(new URL("../", import.meta.url));
const repeats = Number(process.env.BENCH_REPEATS ?? 20);
const chosen = (process.env.BENCH_SCENARIOS ?? "aa-quiet,aa-noise,slow-quiet,slow-noise,demo").split(",");
const MAX_ROUNDS = Number(process.env.BENCH_MAX_ROUNDS ?? 20);
const RUNS = { min: Math.min(8, MAX_ROUNDS), max: MAX_ROUNDS };
const LOAD = process.env.BENCH_LOAD ?? "mode: duet, windows: 4, warmup_s: 2, duration_s: 1, connections: 2";
const METRICS = `metrics:
  p95: { direction: lower, noise_band: 0.05, critical: true }
  fail_rate: { direction: lower, noise_band: 0.001, critical: true }
  throughput: { direction: higher, noise_band: 0.05, critical: true }
  cpu_per_request: { direction: lower, noise_band: 0.05, critical: true }
`;

/** The 5% candidate: every 15th request computes its response twice (measured: about 5.5% more CPU per request). */
const SLOWER = `let invocations = 0;
export function invokeFunction(name: FunctionName, body: Uint8Array): FunctionResponse {
  if (++invocations % 15 === 0) invokeFunctionOnce(name, body);
  return invokeFunctionOnce(name, body);
}

function invokeFunctionOnce(name: FunctionName, body: Uint8Array): FunctionResponse {`;

interface Row {
  metric: string;
  verdict: string;
  critical: boolean;
  change: { estimate: number; ci: { lo: number; hi: number } | null } | null;
}
interface Outcome {
  verdicts: Map<string, Row>;
  rounds: number;
  decided: boolean;
  seconds: number;
  busy: number;
  windows: number;
}

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), "staging-bench-campaign-"));
  writeDemoWorkspace(ws, { runs: RUNS, load: LOAD, metrics: METRICS });
  for (const [slug, slower] of [
    ["same", false],
    ["slow5", true],
  ] as const) {
    cpSync(join(ws, "versions/baseline"), join(ws, "versions", slug), { recursive: true });
    const yaml = join(ws, "versions", slug, "version.yaml");
    writeFileSync(
      yaml,
      readFileSync(yaml, "utf8")
        .replace("slug: baseline", `slug: ${slug}`)
        .replace("status: baseline", "status: candidate"),
    );
    if (!slower) continue;
    const file = join(ws, "versions", slug, "snapshot/src/functions.ts");
    const text = readFileSync(file, "utf8");
    const head = "export function invokeFunction(name: FunctionName, body: Uint8Array): FunctionResponse {";
    if (!text.includes(head)) throw new Error("bench: the demo's invokeFunction moved");
    writeFileSync(file, text.replace(head, SLOWER));
  }
  return ws;
}

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, CI: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function campaign(
  ws: string,
  candidate: string,
  seed: number,
  noisy: boolean,
  extra: string[] = [],
): Promise<Outcome> {
  // Its own campaign per scenario and seed: the same seed quiet and under noise would otherwise be
  // the same campaign, measured once and then read back from the store.
  const id = ["--campaign-id", `${noisy ? "noise" : "quiet"}-${candidate}-${seed}`];
  const cli = [BIN, "run-campaign", candidate, "--seed", String(seed), ...id, ...extra];
  const args = noisy ? [NOISE, "--seed", String(seed), "--", process.execPath, ...cli] : cli;
  const t0 = performance.now();
  const result = await run(args, ws);
  const seconds = (performance.now() - t0) / 1000;
  if (result.code !== 0) throw new Error(`campaign failed (${result.code}): ${result.stderr.slice(-3000)}`);
  const report = JSON.parse(
    (await run([BIN, "report", candidate, ...id, "--format", "json", ...extra], ws)).stdout,
  ) as {
    rounds: number;
    decided: boolean;
    modes: { mode: string; metrics: Row[]; busy_windows: { busy: number; total: number } }[];
  };
  const verdicts = new Map<string, Row>();
  let busy = 0;
  let windows = 0;
  for (const table of report.modes) {
    busy += table.busy_windows.busy;
    windows += table.busy_windows.total;
    for (const row of table.metrics) verdicts.set(`${table.mode} ${row.metric}`, row);
  }
  return { verdicts, rounds: report.rounds, decided: report.decided, seconds, busy, windows };
}

/** Wilson score interval of k successes out of n, 95%. */
function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const center = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

function rate(label: string, k: number, n: number, target: string): string {
  const [lo, hi] = wilson(k, n);
  return `    ${label.padEnd(46)} ${String(k).padStart(3)}/${n}  ${((100 * k) / n).toFixed(0).padStart(3)}%  [${lo.toFixed(2)}, ${hi.toFixed(2)}]  target ${target}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function widthPct(row: Row | undefined): number | null {
  const ci = row?.change?.ci;
  return ci ? 100 * (ci.hi - ci.lo) : null;
}

async function scenario(ws: string, name: string, candidate: string, noisy: boolean): Promise<void> {
  const outcomes: Outcome[] = [];
  for (let seed = 1; seed <= repeats; seed++) {
    outcomes.push(await campaign(ws, candidate, seed, noisy));
    process.stderr.write(`  ${name}: ${seed}/${repeats}\r`);
  }
  const n = outcomes.length;
  const critical = (o: Outcome) => [...o.verdicts.values()].filter((r) => r.critical);
  const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
  const widths = outcomes
    .map((o) => widthPct(o.verdicts.get("node p95")))
    .filter((w): w is number => w !== null);
  const cpuRatio = median(
    outcomes.map((o) => o.verdicts.get("node cpu_per_request")?.change?.estimate ?? NaN),
  );
  console.log(`  ${name} (${noisy ? "under the noise generator" : "quiet"}), ${n} campaigns`);
  if (candidate === "same") {
    console.log(
      rate(
        "false alarm (improved/regressed, any critical)",
        count((o) => critical(o).some((r) => r.verdict === "improved" || r.verdict === "regressed")),
        n,
        "<= 5%",
      ),
    );
    console.log(
      rate(
        "equivalent on every critical metric",
        count((o) => critical(o).every((r) => r.verdict === "equivalent")),
        n,
        ">= 80%",
      ),
    );
  } else {
    console.log(
      rate(
        "regressed on cpu_per_request",
        count((o) => o.verdicts.get("node cpu_per_request")?.verdict === "regressed"),
        n,
        ">= 95%",
      ),
    );
    console.log(
      rate(
        "regressed on p95",
        count((o) => o.verdicts.get("node p95")?.verdict === "regressed"),
        n,
        ">= 90% (duet, under noise)",
      ),
    );
  }
  console.log(
    rate(
      "decided before the budget ran out",
      count((o) => o.decided),
      n,
      "-",
    ),
  );
  console.log(
    `    median rounds ${median(outcomes.map((o) => o.rounds))}, median wall ${median(outcomes.map((o) => o.seconds)).toFixed(0)} s per campaign, cpu_per_request ratio (median) ${cpuRatio.toFixed(4)}`,
  );
  console.log(
    `    p95 ratio CI width: median ${median(widths).toFixed(2)} points (of ${widths.length}), target <= 2; busy windows ${outcomes.reduce((a, o) => a + o.busy, 0)}/${outcomes.reduce((a, o) => a + o.windows, 0)}`,
  );
}

/** The README's campaign on a copy of the demo: both modes, until decided; its wall time. */
async function demo(noisy: boolean): Promise<void> {
  const ws = mkdtempSync(join(tmpdir(), "staging-bench-demo-"));
  cpSync(join(REPO, "experiments/demo"), ws, {
    recursive: true,
    filter: (src) => !/\/(\.staging|campaigns)(\/|$)/.test(src) && !src.endsWith("manifest.json"),
  });
  try {
    const o = await campaign(ws, "candidate", 1, noisy, [
      "--workspace",
      ws,
      "--config",
      join(REPO, "staging.config.ts"),
    ]);
    const verdicts = [...o.verdicts.entries()]
      .filter(([, r]) => r.critical)
      .map(([k, r]) => `${k} ${r.verdict}`);
    console.log(
      `  demo (${noisy ? "under noise" : "quiet"}): ${o.seconds.toFixed(0)} s wall (target <= 300), ${o.rounds} rounds, decided ${o.decided}; ${verdicts.join(", ")}`,
    );
  } finally {
    await run([BIN, "--workspace", ws, "--config", join(REPO, "staging.config.ts"), "down"], ws);
    rmSync(ws, { recursive: true, force: true });
  }
}

const ws = workspace();
try {
  const cpu = cpus();
  console.log(
    `campaign bench, ${new Date().toISOString().slice(0, 10)}: ${cpu.length} CPUs (${cpu[0]?.model ?? "?"}), load ${loadavg()[0]!.toFixed(2)} at start`,
  );
  console.log(
    `  method: paired rounds, Wilcoxon signed-rank + Hodges-Lehmann on per-round log-ratios, Holm within the critical family, equivalence by two one-sided tests, group-sequential levels (Pocock-type spending) over looks; alpha 0.05`,
  );
  console.log(
    `  settings: node mode, ${LOAD}; ${RUNS.min === RUNS.max ? `${RUNS.max} rounds (one look)` : `runs ${RUNS.min}..${RUNS.max} until decided`}; critical p95, throughput and cpu_per_request (band 5% each), fail_rate (0.1 pp)`,
  );
  for (const [name, candidate, noisy] of [
    ["aa-quiet", "same", false],
    ["aa-noise", "same", true],
    ["slow-quiet", "slow5", false],
    ["slow-noise", "slow5", true],
  ] as const) {
    if (chosen.includes(name)) await scenario(ws, name, candidate, noisy);
  }
  if (chosen.includes("demo")) {
    await demo(false);
    await demo(true);
  }
} finally {
  await run([BIN, "down"], ws);
  rmSync(ws, { recursive: true, force: true });
}
