import { describe, expect, it } from "vitest";
import { exited, runCli, startCli, whenStderr } from "../helpers/cli.js";
import { demoWorkspace } from "../helpers/demoWorkspace.js";
import { kindOf } from "../../src/staging/graph/nodeIds.js";

const json = <T>(args: string[], cwd: string): T => {
  const r = runCli(args, { cwd });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};

/** Node ids of a campaign's own kinds, sorted. */
const campaignNodes = (ids: readonly string[]) =>
  ids
    .filter((id) =>
      ["plan", "prepare", "round", "look", "aggregate", "report", "campaign"].includes(kindOf(id) ?? ""),
    )
    .sort();

describe("campaigns in the one planner's graph", () => {
  it("make --dry-run, graph and status agree node for node, before the campaign and after it", () => {
    const ws = demoWorkspace({ runs: 3 });
    const compare = () => {
      const dry = json<{ wouldRun: string[]; upToDate: string[] }>(
        ["make", "campaign:candidate", "--dry-run", "--json"],
        ws,
      );
      const graph = json<{ nodes: string[] }>(["graph", "campaign:candidate", "--format", "json"], ws);
      const status = json<{ nodes: { id: string; state: string }[] }>(["status", "--json"], ws);
      const fromDry = campaignNodes([...dry.wouldRun, ...dry.upToDate]);
      expect(fromDry.length).toBeGreaterThan(0);
      expect(campaignNodes(graph.nodes)).toEqual(fromDry);
      expect(campaignNodes(status.nodes.map((n) => n.id))).toEqual(fromDry);
      return { dry, status };
    };
    const before = compare();
    // Before it runs, the rounds are known from the plan (evaluated in memory), the rest follows.
    expect(before.dry.wouldRun.filter((id) => kindOf(id) === "round")).toHaveLength(3);
    expect(runCli(["run-campaign", "candidate"], { cwd: ws }).code).toBe(0);
    const after = compare();
    expect(after.dry.wouldRun).toEqual([]);
    const round = after.dry.upToDate.find((id) => kindOf(id) === "round")!;
    const explained = runCli(["explain", round], { cwd: ws });
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toContain(`${round}: up to date`);
    const mermaid = runCli(["graph", "campaign:candidate", "--format", "mermaid"], { cwd: ws });
    expect(mermaid.stdout).toMatch(/^graph LR\n/);
    expect(mermaid.stdout).toContain(round);
  }, 240_000);

  it("report and promote find the candidate's latest campaign whatever its --runs; report answers while it runs", async () => {
    const ws = demoWorkspace({ runs: 8 });
    const child = startCli(["run-campaign", "candidate", "--runs", "3"], { cwd: ws });
    const done = exited(child);
    await whenStderr(child, /^campaign: rounds 1\/3/);
    const during = runCli(["report", "candidate"], { cwd: ws });
    // Read-only: no lock; a running campaign gives the rounds so far, exit 3 (its owner is alive).
    expect([0, 3]).toContain(during.code);
    if (during.code === 3) {
      expect(during.stdout).toMatch(/^> PARTIAL: running/);
      expect(during.stderr).toContain("is still running");
    }
    expect((await done).code).toBe(0);
    const report = runCli(["report", "candidate"], { cwd: ws });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toMatch(
      /^campaign candidate-vs-baseline-[0-9a-f]{8} \(complete, 3 of 3 rounds measured\)/,
    );
    const campaigns = json<{ id: string; state: string; rounds_done: number }[]>(["campaigns", "--json"], ws);
    expect(campaigns).toMatchObject([{ state: "complete", rounds_done: 3 }]);
    const promoted = runCli(["promote", "candidate", "--force", "--json"], { cwd: ws });
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stderr).toContain(`promoting by campaign ${campaigns[0]!.id}`);
    expect(JSON.parse(promoted.stdout)).toMatchObject({ promoted: "candidate", campaign: campaigns[0]!.id });
  }, 240_000);

  it("a refused report or promote writes nothing: no campaign folder for a typo", () => {
    const ws = demoWorkspace({ runs: 2 });
    for (const args of [
      ["report", "candidate", "--campaign-id", "typo"],
      ["promote", "candidate", "--campaign-id", "typo"],
      ["run-campaign", "candidate", "--campaign-id", "../../x"],
    ]) {
      const r = runCli(args, { cwd: ws });
      expect(r.code, args.join(" ")).toBe(2);
    }
    expect(runCli(["campaigns", "--json"], { cwd: ws }).stdout.trim()).toBe("[]");
  });
});
