import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exited, runCli, startCli, whenStderr } from "../helpers/cli.js";
import { demoWorkspace } from "../helpers/demoWorkspace.js";
import { useTmpDir } from "../helpers/useTmpDir.js";
import { kindOf } from "../../src/staging/graph/nodeIds.js";

interface MakeJson {
  executed: string[];
  upToDate: string[];
  failed: string[];
  skipped: string[];
}

function make(ws: string, ...args: string[]): MakeJson {
  const r = runCli(["make", "campaign:candidate", "--json", ...args], { cwd: ws });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as MakeJson;
}

const rounds = (ids: string[]) => ids.filter((id) => kindOf(id) === "round");

/** Every round id any make executed, from the run summaries the store keeps. */
function executedRoundsOverAllSummaries(ws: string): string[] {
  const dir = join(ws, ".staging/runs");
  return readdirSync(dir).flatMap((f) => {
    const summary = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
      nodes: { id: string; status: string }[];
    };
    return summary.nodes.filter((n) => n.status === "executed" && kindOf(n.id) === "round").map((n) => n.id);
  });
}

describe("a campaign on the demo, end to end", () => {
  it("measures every cell, writes the prototype's folder layout and a report, then has nothing to do", () => {
    const ws = demoWorkspace({ runs: 2 });
    const first = make(ws);
    expect(rounds(first.executed)).toHaveLength(2);
    const [id] = readdirSync(join(ws, "campaigns"));
    expect(id).toMatch(/^candidate-vs-baseline-[0-9a-f]{8}$/);
    const dir = join(ws, "campaigns", id!);
    for (const file of [
      "benchmark/benchmark.yaml",
      "benchmark/corpus/word-stats.jsonl",
      "campaign.json",
      "schedule.json",
      "aggregate-comparison.json",
      "aggregate-comparison.md",
      "report.md",
      "report.json",
      "report.html",
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const campaign = JSON.parse(readFileSync(join(dir, "campaign.json"), "utf8")) as Record<string, unknown>;
    expect(campaign).toMatchObject({
      campaign_id: id,
      candidate: "candidate",
      baseline: "baseline",
      rounds: { min: 2, max: 2 },
      benchmark_path: "benchmark/benchmark.yaml",
    });
    expect(campaign.benchmark_hash).toMatch(/^[0-9a-f]{64}$/);
    const cell = JSON.parse(
      readFileSync(join(dir, "runs/run-001/candidate__node/cell-summary.json"), "utf8"),
    ) as {
      version_slug: string;
      platform_mode: string;
      valid: boolean;
      metrics: Record<string, number | null>;
      endpoints?: Record<string, { metrics: Record<string, number> }>;
      histogram?: { encoded: string };
    };
    expect(cell).toMatchObject({ version_slug: "candidate", platform_mode: "node", valid: true });
    // Per request name of the benchmark, and the latency histogram the report draws.
    expect(Object.keys(cell.endpoints ?? {})).toEqual(["json-transform", "word-stats"]);
    expect(Object.keys(cell.endpoints!["word-stats"]!.metrics).sort()).toEqual(
      ["fail_rate", "p50", "p95", "p99", "throughput"].sort(),
    );
    expect(cell.histogram?.encoded.length).toBeGreaterThan(0);
    for (const m of ["p50", "p95", "p99", "fail_rate", "throughput", "heap_peak", "gc_pause", "rss_peak"])
      expect(typeof cell.metrics[m], m).toBe("number");
    const schedule = JSON.parse(readFileSync(join(dir, "schedule.json"), "utf8")) as { round: number }[];
    expect(schedule.map((r) => r.round)).toEqual([1, 2]);
    const report = readFileSync(join(dir, "report.md"), "utf8");
    expect(report).toContain("## Mode `node`");
    expect(report).toContain("| word-stats     | p95 ");
    // The terminal table fits 100 columns (the verdicts here are the widest: too few rounds).
    const tables = report.split("\n").filter((line) => line.startsWith("|"));
    expect(Math.max(...tables.map((line) => [...line].length))).toBeLessThanOrEqual(100);
    const again = make(ws);
    expect(again.executed).toEqual([]);
  }, 180_000);

  it("regenerates a byte-identical report from the same runs", () => {
    const ws = demoWorkspace({ runs: 2 });
    make(ws);
    const [id] = readdirSync(join(ws, "campaigns"));
    const dir = join(ws, "campaigns", id!);
    const outputs = [
      "report.md",
      "report.json",
      "report.html",
      "aggregate-comparison.json",
      "aggregate-comparison.md",
    ];
    const before = outputs.map((f) => readFileSync(join(dir, f)));
    rmSync(join(dir, "report.md"));
    const redo = runCli(["make", "campaign:candidate", "--json", "--force", "aggregate:*"], { cwd: ws });
    expect(rounds((JSON.parse(redo.stdout) as MakeJson).executed)).toEqual([]);
    const after = outputs.map((f) => readFileSync(join(dir, f)));
    expect(after).toEqual(before);
    expect(runCli(["report", "candidate", "--format", "md"], { cwd: ws }).stdout).toBe(before[0]!.toString());
  }, 180_000);

  it("resumes after SIGKILL at random points without repeating a completed run, here and in a copy elsewhere", async () => {
    const ws = demoWorkspace({ runs: 3 });
    // Killed at observed moments: once a round is recorded, while the next one measures, and
    // (after the rest is done) while the report renders.
    const kills: [RegExp, number][] = [
      [/done +round:/, 1],
      [/^campaign: rounds \d+\/\d+ · /, 1],
      [/run +report:/, 1],
    ];
    for (const [pattern, times] of kills) {
      // --verbose: the node lines, whose starts and ends are the moments to kill at.
      const child = startCli(["--verbose", "make", "campaign:candidate"], { cwd: ws });
      const done = exited(child);
      await whenStderr(child, pattern, times).catch(() => undefined);
      child.kill("SIGKILL");
      await done;
    }
    // A CI cache restore: the whole workspace, store and campaigns included, at another path.
    const copy = join(useTmpDir(), "restored");
    cpSync(ws, copy, { recursive: true });
    const rest = make(copy);
    expect(rest.failed).toEqual([]);
    // Summaries are written as runs complete, so even the killed makes say what they measured.
    const all = executedRoundsOverAllSummaries(copy);
    expect(all.length).toBeGreaterThan(rounds(rest.executed).length);
    expect(all.length).toBe(new Set(all).size);
    expect(new Set(all).size).toBeLessThanOrEqual(3);
    expect(existsSync(join(copy, "campaigns"))).toBe(true);
    expect(make(copy).executed).toEqual([]);
    // The service a SIGKILLed make was measuring died with it; `down` finds nothing left to stop.
    expect(runCli(["down"], { cwd: ws }).code).toBe(0);
    expect(runCli(["status", "--json"], { cwd: ws }).stdout).toContain('"running": []');
  }, 240_000);

  it("refuses to reuse a campaign id with other inputs", () => {
    const ws = demoWorkspace({ runs: 1 });
    const first = runCli(["run-campaign", "candidate", "--campaign-id", "mine"], { cwd: ws });
    expect(first.code, first.stderr).toBe(0);
    const other = runCli(["run-campaign", "candidate", "--campaign-id", "mine", "--runs", "2"], { cwd: ws });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      "error: Campaign mine exists with other inputs; runs of different campaigns are never mixed",
    );
    expect(other.stderr).toMatch(/differs: +rounds/);
  }, 120_000);
});
