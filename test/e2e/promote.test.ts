import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exited, runCli, startCli } from "../helpers/cli.js";
import { demoWorkspace } from "../helpers/demoWorkspace.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

/** Duet rounds: both versions loaded at once, so what the machine does hits both alike. */
const DUET = "mode: duet, windows: 2, warmup_s: 0.3, duration_s: 0.5, connections: 2";

/** The work per request decides: the measure a busy machine disturbs least. */
const CPU_CRITICAL = `metrics:
  p95: { direction: lower, noise_band: 0.05, critical: false }
  fail_rate: { direction: lower, noise_band: 0.001, critical: false }
  throughput: { direction: higher, noise_band: 0.05, critical: false }
  cpu_per_request: { direction: lower, noise_band: 0.03, critical: true }
`;

/** A regression of 3 ms of CPU per word-stats request shows in latency too. */
const P95_AND_CPU_CRITICAL = `metrics:
  p95: { direction: lower, noise_band: 0.05, critical: true }
  fail_rate: { direction: lower, noise_band: 0.001, critical: false }
  throughput: { direction: higher, noise_band: 0.05, critical: false }
  cpu_per_request: { direction: lower, noise_band: 0.03, critical: true }
`;

function statuses(ws: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const slug of readdirSync(join(ws, "versions"))) {
    out[slug] = /^status: (.*)$/m.exec(readFileSync(join(ws, "versions", slug, "version.yaml"), "utf8"))![1]!;
  }
  return out;
}

describe("promotion", () => {
  it("promotes a candidate whose latest campaign decided, and archives the old baseline", () => {
    const ws = demoWorkspace({ runs: 8, load: DUET, metrics: CPU_CRITICAL });
    const early = runCli(["promote", "candidate"], { cwd: ws });
    expect(early.code).toBe(2);
    expect(early.stderr).toContain("error: No campaign of candidate yet");
    // Two rounds cannot decide anything: promotion asks for --force.
    const short = runCli(["run-campaign", "candidate", "--runs", "2"], { cwd: ws });
    expect(short.code, short.stderr).toBe(0);
    expect(short.stderr).toMatch(/warning: 2 rounds cannot show a significant change in a critical metric/);
    const undecided = runCli(["promote", "candidate"], { cwd: ws });
    expect(undecided.code).toBe(1);
    expect(undecided.stderr).toContain("the campaign did not decide every critical metric");
    expect(runCli(["run-campaign", "candidate"], { cwd: ws }).code).toBe(0);
    writeFileSync(
      join(ws, "versions/candidate/snapshot/src/config.ts"),
      readFileSync(join(ws, "versions/candidate/snapshot/src/config.ts"), "utf8") +
        "\n// edited after the campaign\n",
    );
    const stale = runCli(["promote", "candidate"], { cwd: ws });
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain("did not measure candidate and its baseline as they are now");
    expect(stale.stderr).toMatch(/differs: +candidate_fingerprint/);
    expect(stale.stderr).toContain("an edited snapshot, benchmark or recipe makes a new campaign");
    expect(runCli(["run-campaign", "candidate"], { cwd: ws }).code).toBe(0);
    const done = runCli(["promote", "--candidate", "candidate"], { cwd: ws });
    expect(done.code, done.stderr).toBe(0);
    expect(statuses(ws)).toEqual({ baseline: "archived-baseline", candidate: "baseline" });
    const yaml = readFileSync(join(ws, "versions/candidate/version.yaml"), "utf8");
    expect(yaml).toMatch(/promoted_by_campaign: candidate-vs-baseline-[0-9a-f]{8}\n/);
    expect(yaml).toMatch(/promoted_at: /);
    expect(readFileSync(join(ws, "versions/baseline/version.yaml"), "utf8")).toMatch(/archived_at: /);
  }, 240_000);

  it("refuses a candidate with a regression in a critical metric, unless forced (and records the force)", () => {
    const ws = demoWorkspace({ runs: 8, load: DUET, metrics: P95_AND_CPU_CRITICAL });
    expect(runCli(["create-version", "slow", "--from", "version:candidate"], { cwd: ws }).code).toBe(0);
    const file = join(ws, "versions/slow/snapshot/src/wordStats.ts");
    // The injected regression: 3 ms of busy work per word-stats request, same responses.
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "export function wordStats(text: string): WordStats {",
        "export function wordStats(text: string): WordStats {\n  const until = performance.now() + 3;\n  while (performance.now() < until) {}",
      ),
    );
    expect(runCli(["mark", "slow", "candidate"], { cwd: ws }).code).toBe(0);
    const campaign = runCli(["run-campaign", "slow"], { cwd: ws });
    expect(campaign.code, campaign.stderr).toBe(0);
    expect(campaign.stdout).toMatch(/\| p95 \* .*\| regressed/);
    expect(campaign.stdout).toMatch(/\| cpu_per_request \* .*\| regressed/);
    const refused = runCli(["promote", "slow"], { cwd: ws });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "error: Promotion of slow refused: the campaign shows a regression in a critical metric",
    );
    expect(refused.stderr).toMatch(/regressions: +node p95 \+\d/);
    expect(refused.stderr).toMatch(/node cpu_per_request \+\d/);
    expect(statuses(ws)).toMatchObject({ baseline: "baseline", slow: "candidate" });
    const forced = runCli(["promote", "slow", "--force"], { cwd: ws });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(ws, "versions/slow/version.yaml"), "utf8")).toContain("promotion_forced: true");
  }, 240_000);

  it("leaves exactly one baseline when killed at any point of a promotion", async () => {
    const ws = demoWorkspace({ runs: 1 });
    expect(runCli(["run-campaign", "candidate"], { cwd: ws }).code).toBe(0);
    for (let trial = 0; trial < 6; trial++) {
      const copy = join(useTmpDir(), "ws");
      cpSync(ws, copy, { recursive: true });
      const child = startCli(["promote", "candidate"], { cwd: copy });
      const done = exited(child);
      await new Promise((r) => setTimeout(r, 150 + trial * 120));
      child.kill("SIGKILL");
      await done;
      // The next command completes or leaves the journaled change; either way one baseline.
      const listed = runCli(["versions", "--json"], { cwd: copy });
      expect(listed.code, listed.stderr).toBe(0);
      const found = statuses(copy);
      expect(Object.values(found).filter((s) => s === "baseline")).toHaveLength(1);
      expect([
        ["archived-baseline", "baseline"],
        ["baseline", "candidate"],
      ]).toContainEqual([found.baseline, found.candidate]);
    }
  }, 240_000);
});
