import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeDemoWorkspace } from "../test/helpers/demoWorkspaceFiles.js";

/**
 * `npm run bench:campaign`: how often the method says `regressed` on p95 when nothing changed
 * (A/A: the baseline against an identical copy) and when every request does 10% more work
 * (the candidate's function time plus a 10% busy wait), over repeated campaigns on this machine.
 */
const BIN = fileURLToPath(new URL("../bin/staging.js", import.meta.url));
const repeats = Number(process.env.BENCH_REPEATS ?? 4);
const runs = Number(process.env.BENCH_RUNS ?? 7);

const SLOWDOWN = `export function invokeFunction(name: FunctionName, body: Uint8Array): FunctionResponse {
  const started = performance.now();
  const response = invokeFunctionUnslowed(name, body);
  const until = performance.now() + (performance.now() - started) * 0.1;
  while (performance.now() < until) {}
  return response;
}

function invokeFunctionUnslowed(name: FunctionName, body: Uint8Array): FunctionResponse {`;

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), "staging-bench-campaign-"));
  writeDemoWorkspace(ws, { runs, durationS: 2 });
  for (const [slug, slow] of [
    ["same", false],
    ["slow10", true],
  ] as const) {
    cpSync(join(ws, "versions/baseline"), join(ws, "versions", slug), { recursive: true });
    const yaml = join(ws, "versions", slug, "version.yaml");
    writeFileSync(
      yaml,
      readFileSync(yaml, "utf8")
        .replace("slug: baseline", `slug: ${slug}`)
        .replace("status: baseline", "status: candidate"),
    );
    if (slow) {
      const file = join(ws, "versions", slug, "snapshot/src/functions.ts");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace(
          "export function invokeFunction(name: FunctionName, body: Uint8Array): FunctionResponse {",
          SLOWDOWN,
        ),
      );
    }
  }
  return ws;
}

function verdictOf(ws: string, candidate: string, seed: number): string {
  const run = spawnSync(process.execPath, [BIN, "run-campaign", candidate, "--seed", String(seed)], {
    cwd: ws,
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  if (run.status !== 0) throw new Error(`campaign failed: ${run.stderr.slice(-2000)}`);
  const report = JSON.parse(
    execFileSync(process.execPath, [BIN, "report", candidate, "--seed", String(seed), "--format", "json"], {
      cwd: ws,
      encoding: "utf8",
    }),
  ) as {
    modes: { mode: string; metrics: { metric: string; verdict: string; delta_pct: number | null }[] }[];
  };
  const p95 = report.modes[0]!.metrics.find((m) => m.metric === "p95")!;
  return `${p95.verdict} (${p95.delta_pct === null ? "n/a" : `${p95.delta_pct > 0 ? "+" : ""}${p95.delta_pct.toFixed(1)}%`})`;
}

const ws = workspace();
try {
  console.log(
    `campaign bench: ${repeats} campaigns each, ${runs} rounds, node mode, 2 s windows; ${cpus().length} cores (${cpus()[0]?.model ?? "?"})`,
  );
  for (const [label, candidate] of [
    ["A/A (identical copy)", "same"],
    ["10% slower", "slow10"],
  ] as const) {
    const verdicts: string[] = [];
    for (let seed = 1; seed <= repeats; seed++) verdicts.push(verdictOf(ws, candidate, seed));
    const regressed = verdicts.filter((v) => v.startsWith("regressed")).length;
    console.log(
      `  ${label.padEnd(22)} p95 called regressed in ${regressed}/${repeats}: ${verdicts.join(", ")}`,
    );
  }
} finally {
  spawnSync(process.execPath, [BIN, "down"], { cwd: ws });
  rmSync(ws, { recursive: true, force: true });
}
