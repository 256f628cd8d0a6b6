import { describe, expect, it } from "vitest";
import { campaignReporter } from "../../../src/cli/CampaignReporter.js";
import { lineReporter } from "../../../src/cli/LineReporter.js";
import { liveReporter } from "../../../src/cli/LiveReporter.js";
import type { Output } from "../../../src/cli/Output.js";
import { ProgressTracker, shortNode } from "../../../src/cli/ProgressTracker.js";
import { fitLine, terminalWidth } from "../../../src/cli/terminalWidth.js";
import type { NodeOutcome } from "../../../src/engine/RunSummary.js";
import { nodeIds } from "../../../src/staging/graph/nodeIds.js";
import type { CampaignPlan } from "../../../src/staging/campaign/CampaignPlan.js";
import type { RoundOutput } from "../../../src/staging/measure/RoundOutput.js";

const C = "candidate-vs-baseline-1a2b3c4d";
const rounds = [1, 2, 3].flatMap((n) => ["node", "bun"].map((m) => nodeIds.round(C, m, n)));
const plan = [nodeIds.plan("candidate"), nodeIds.image("candidate", "bun"), ...rounds, nodeIds.report(C)];

const executed = (id: string, durationMs = 0): NodeOutcome => ({
  id,
  status: "executed",
  reason: "",
  durationMs,
});
const round = (valid: { baseline: boolean; candidate: boolean }) =>
  ({ baseline: { valid: valid.baseline }, candidate: { valid: valid.candidate } }) as RoundOutput;

function captured(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => void lines.push(t), err: (t) => void lines.push(t), live: false };
}

describe("the progress line", () => {
  it("says rounds done of planned, the round measuring now in short form, invalid runs and the time left", () => {
    const t = new ProgressTracker();
    t.planned(plan);
    t.started(nodeIds.image("candidate", "bun"), 0);
    expect(t.line(0)).toBe("rounds 0/6 · build candidate·bun · 0 invalid");
    t.finished(executed(nodeIds.image("candidate", "bun")), undefined);
    t.started(rounds[0]!, 1_000);
    t.finished(executed(rounds[0]!, 20_000), round({ baseline: true, candidate: false }));
    t.started(rounds[1]!, 21_000);
    // One round took 20 s; five are left, and the one measuring started 5 s ago.
    expect(t.line(26_000)).toBe("rounds 1/6 · bun r1 · 1 invalid · ~1m35s left");
  });

  it("says no time left once every round is done", () => {
    const t = new ProgressTracker();
    t.planned([rounds[0]!, nodeIds.report(C)]);
    t.started(rounds[0]!, 0);
    t.finished(executed(rounds[0]!, 10_000), round({ baseline: true, candidate: true }));
    t.started(nodeIds.report(C), 10_000);
    expect(t.line(10_000)).toBe("rounds 1/1 · report · 0 invalid");
  });

  it("counts resumed rounds (up to date) as done and their invalid runs, but not in the time per round", () => {
    const t = new ProgressTracker();
    t.planned(plan);
    t.finished(
      { ...executed(rounds[0]!), status: "up-to-date" },
      round({ baseline: false, candidate: false }),
    );
    expect(t.line(0)).toBe("rounds 1/6 · 2 invalid");
  });

  it("outside a campaign is nodes done of planned and what runs", () => {
    const t = new ProgressTracker();
    t.planned(["fingerprint:a", "image:a:node", "image:a:bun", "image:b:node"]);
    for (const id of ["image:a:node", "image:a:bun", "image:b:node"]) t.started(id, 0);
    expect(t.line(0)).toBe("[0/4] build a·node, build a·bun +1");
  });

  it("names nodes briefly", () => {
    expect(shortNode(nodeIds.round(C, "node", 3))).toBe("node r3");
    expect(shortNode(nodeIds.look(C, 4))).toBe("look after 4 rounds");
    expect(shortNode(nodeIds.look(C, 1))).toBe("look after 1 round");
    expect(shortNode(nodeIds.aggregate(C))).toBe("aggregate");
  });
});

describe("the live line", () => {
  it("falls back to 80 columns when the terminal reports 0, and is cut to the width", () => {
    expect(terminalWidth(0)).toBe(80);
    expect(terminalWidth(undefined)).toBe(80);
    expect(terminalWidth(120)).toBe(120);
    expect(fitLine("x".repeat(100), 80)).toBe(`${"x".repeat(78)}…`);
    expect(fitLine("short", 80)).toBe("short");
  });

  it("is drawn on a terminal that reports 0 columns, within 80 columns", () => {
    const t = new ProgressTracker();
    let written = "";
    const live = liveReporter(lineReporter(captured()), t, {
      write: (text) => void (written += text),
      columns: () => 0,
      now: () => 0,
    });
    const long = nodeIds.image("a-very-long-version-name-that-goes-on-and-on", "a-mode-with-a-long-name");
    t.planned([long]);
    t.started(long, 0);
    live.started?.(long, "never run");
    live.stop();
    const drawn = written.split("\r\x1b[K").filter(Boolean);
    expect(drawn[0]).toMatch(/^\[0\/1\] build a-very-long/);
    expect([...drawn[0]!].length).toBeLessThan(80);
  });
});

describe("node lines", () => {
  const run = (verbose: boolean) => {
    const out = captured();
    const r = lineReporter(out, { verbose });
    r.planned?.(["image:a:node", "image:a:bun"]);
    r.started?.("image:a:node", "never run");
    r.log?.("image:a:node", "compiling");
    r.finished?.(executed("image:a:node", 1200), undefined);
    r.finished?.(
      { ...executed("image:a:bun"), status: "failed", error: "error: The bun build of a failed" },
      undefined,
    );
    return out.lines;
  };

  it("are only failures without --verbose", () => {
    expect(run(false)).toEqual(["[2/2] FAILED image:a:bun", "    error: The bun build of a failed"]);
  });

  it("are every start, end and log line with --verbose", () => {
    expect(run(true)).toEqual([
      "[0/2] run  image:a:node  (never run)",
      "    image:a:node: compiling",
      "[1/2] done image:a:node  1.2s",
      "[2/2] FAILED image:a:bun",
      "    error: The bun build of a failed",
    ]);
  });
});

describe("the plan line", () => {
  it("counts rounds and modes in words that agree", () => {
    const out = captured();
    const r = campaignReporter(lineReporter(out), out, new ProgressTracker(), { live: false, now: () => 0 });
    const plan = {
      id: C,
      identity: { rounds: { min: 1, max: 1 }, modes: ["node"] },
    } as unknown as CampaignPlan;
    r.finished?.(executed(nodeIds.plan("candidate")), plan);
    expect(out.lines).toEqual([`campaign ${C}: 1 round x 1 mode x 2 versions`]);
  });
});

describe("a campaign without a terminal", () => {
  it("prints the progress line as a line when each round starts, and no node lines", () => {
    const out = captured();
    const t = new ProgressTracker();
    let now = 0;
    const r = campaignReporter(lineReporter(out), out, t, { live: false, now: () => now });
    r.planned?.(plan);
    r.started?.(rounds[0]!, "never run");
    now = 30_000;
    r.finished?.(executed(rounds[0]!, 30_000), round({ baseline: true, candidate: true }));
    r.started?.(rounds[1]!, "never run");
    expect(out.lines).toEqual([
      "campaign: rounds 0/6 · node r1 · 0 invalid",
      "campaign: rounds 1/6 · bun r1 · 0 invalid · ~2m30s left",
    ]);
  });
});
