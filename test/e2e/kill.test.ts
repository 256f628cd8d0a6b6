import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { demoWorkspace } from "../helpers/demoWorkspace.js";
import {
  cellFiles,
  cellStamps,
  listeningPorts,
  logLines,
  settled,
  workspaceProcesses,
} from "./kill/observe.js";

/** Kill points are drawn from this seed (STAGING_KILL_SEED to try others). */
const SEED = Number(process.env.STAGING_KILL_SEED ?? 19);
const KILLS = 20;
// Enough rounds that the campaign outlasts every kill point (a kill at a measurement ends a round).
const ROUNDS = 14;
/** How long a service may outlive a SIGKILLed staging: generous for a loaded machine. */
const ORPHAN_LIMIT_MS = 20_000;

/** An event seen from outside the CLI, counted from the start of one invocation. */
type Trigger =
  | { kind: "log line"; n: number }
  | { kind: "progress line"; n: number }
  | { kind: "measurement"; n: number }
  | { kind: "service listening"; n: number };

function killPoints(seed: number): Trigger[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 48271) >>> 0) % 2147483647;
    return state / 2147483647;
  };
  const pick = (max: number) => 1 + Math.floor(random() * max);
  return Array.from({ length: KILLS }, (): Trigger => {
    const r = random();
    if (r < 0.3) return { kind: "log line", n: pick(3) };
    if (r < 0.55) return { kind: "progress line", n: pick(5) };
    if (r < 0.75) return { kind: "measurement", n: 1 };
    return { kind: "service listening", n: pick(2) };
  });
}

interface Invocation {
  killed: boolean;
  code: number;
  stderr: string;
}

/**
 * Runs `run-campaign candidate` until `trigger` is seen, then, once every measurement on disk is
 * committed (see `settled`), kills it with SIGKILL. Without a trigger it runs to its end.
 */
function runCampaign(ws: string, trigger?: Trigger): Promise<Invocation> {
  const child = spawn(process.execPath, [BIN, "run-campaign", "candidate"], {
    cwd: ws,
    env: { ...process.env, CI: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  const log0 = logLines(ws);
  const cells0 = cellFiles(ws).length;
  const ports = new Set<number>();
  const seen = (t: Trigger): boolean => {
    if (t.kind === "log line") return logLines(ws) - log0 >= t.n;
    if (t.kind === "progress line") return stderr.split("\n").length - 1 >= t.n;
    if (t.kind === "measurement") return cellFiles(ws).length - cells0 >= t.n;
    for (const port of listeningPorts(workspaceProcesses(ws))) ports.add(port);
    return ports.size >= t.n;
  };
  return new Promise((resolve) => {
    let fired = false;
    let done = false;
    void exit.then((code) => {
      done = true;
      resolve({ killed: fired, code, stderr });
    });
    const poll = () => {
      if (done) return;
      fired ||= trigger !== undefined && seen(trigger);
      if (fired && settled(ws)) child.kill("SIGKILL");
      else setTimeout(poll, 25);
    };
    poll();
  });
}

/** Milliseconds until no process of the workspace is left, and until none of them listens. */
async function orphansGone(ws: string): Promise<{ processMs: number; listenerMs: number }> {
  const t0 = Date.now();
  let listenerMs: number | undefined;
  for (;;) {
    const pids = workspaceProcesses(ws);
    if (listenerMs === undefined && listeningPorts(pids).length === 0) listenerMs = Date.now() - t0;
    if (pids.length === 0) return { processMs: Date.now() - t0, listenerMs: listenerMs ?? 0 };
    if (Date.now() - t0 > ORPHAN_LIMIT_MS)
      throw new Error(
        `processes of the workspace outlived staging by ${ORPHAN_LIMIT_MS} ms: ${pids.join(", ")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function expectUnchanged(before: Map<string, string>, after: Map<string, string>): void {
  for (const [file, stamp] of before) expect(after.get(file), `measured again: ${file}`).toBe(stamp);
}

describe("a campaign killed with SIGKILL at seeded, observed points", () => {
  it(`resumes after each of ${KILLS} kills, repeats no measurement and leaves no service behind`, async () => {
    const ws = demoWorkspace({ runs: ROUNDS, durationS: 0.5 });
    const points = killPoints(SEED);
    process.stderr.write(`kill test: seed ${SEED}, workspace ${ws}\n`);
    const timings: number[] = [];
    let committed = new Map<string, string>();
    let kills = 0;
    for (const point of points) {
      const run = await runCampaign(ws, point);
      if (!run.killed) {
        expect(run.code, run.stderr).toBe(0);
        break;
      }
      kills++;
      const { processMs, listenerMs } = await orphansGone(ws);
      timings.push(Math.max(processMs, listenerMs));
      const now = cellStamps(ws);
      expectUnchanged(committed, now);
      committed = now;
      process.stderr.write(
        `kill ${kills} at ${point.kind} ${point.n}: ${now.size} measurements, no process left after ${processMs} ms\n`,
      );
    }
    expect(kills, "the campaign ended before every kill point was reached").toBe(KILLS);
    const last = await runCampaign(ws);
    expect(last.code, last.stderr).toBe(0);
    const final = cellStamps(ws);
    expectUnchanged(committed, final);
    expect(final.size).toBe(2 * ROUNDS);
    const [id] = readdirSync(join(ws, "campaigns"));
    expect(existsSync(join(ws, "campaigns", id!, "report.md"))).toBe(true);
    const again = await runCampaign(ws);
    expect(again.code, again.stderr).toBe(0);
    expectUnchanged(final, cellStamps(ws));
    expect(workspaceProcesses(ws)).toEqual([]);
    const sorted = [...timings].sort((a, b) => a - b);
    process.stderr.write(
      `${kills} kills; no process of the workspace left after at most ${sorted.at(-1)} ms (median ${sorted[sorted.length >> 1]} ms)\n`,
    );
  }, 900_000);
});
