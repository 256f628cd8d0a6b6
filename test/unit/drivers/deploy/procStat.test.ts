import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  isLive,
  parseProcStat,
  processGroupMembers,
  readProcStat,
  stopProcessGroup,
} from "../../../../src/drivers/deploy/index.js";

const fields = (comm: string) =>
  `4242 (${comm}) S 1 4240 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 18446744073709551615`;

describe("parseProcStat", () => {
  it("reads state, process group and start ticks", () => {
    expect(parseProcStat(fields("node"))).toEqual({
      pid: 4242,
      state: "S",
      pgrp: 4240,
      startTicks: "987654",
    });
  });

  it("counts fields from the last parenthesis of a command name with spaces and parentheses", () => {
    expect(parseProcStat(fields("a) b (c"))).toMatchObject({ pgrp: 4240, startTicks: "987654" });
  });

  it("refuses lines that are not a stat line", () => {
    expect(parseProcStat("garbage")).toBeNull();
    expect(parseProcStat("1 (x) S 1")).toBeNull();
  });

  it("tells zombies from live processes", () => {
    expect(isLive(parseProcStat(fields("x").replace(") S ", ") Z ")))).toBe(false);
    expect(isLive(null)).toBe(false);
    expect(isLive(parseProcStat(fields("x")))).toBe(true);
  });
});

describe("on this machine's /proc", () => {
  it("reads the same start ticks twice for one process", () => {
    const first = readProcStat(process.pid);
    expect(first?.startTicks).toMatch(/^\d+$/);
    expect(readProcStat(process.pid)?.startTicks).toBe(first?.startTicks);
  });

  it("finds and stops a whole process group, TERM first", async () => {
    const script = "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000)";
    const leader = spawn(
      process.execPath,
      [
        "-e",
        `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(script)}], {stdio: 'ignore'}); ${script}`,
      ],
      {
        detached: true,
        stdio: "ignore",
      },
    );
    const pid = leader.pid!;
    const deadline = Date.now() + 5_000;
    while (processGroupMembers(pid).length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(processGroupMembers(pid)).toHaveLength(2);
    await stopProcessGroup(pid, readProcStat(pid)?.startTicks, 3_000);
    expect(processGroupMembers(pid)).toEqual([]);
  });

  it("kills a group that ignores SIGTERM once the grace is over", async () => {
    const script = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('ready')";
    const child = spawn(process.execPath, ["-e", script], {
      detached: true,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const pid = child.pid!;
    // Its SIGTERM handler is installed once it says so (however busy the machine).
    await new Promise((r) => child.stdout.once("data", r));
    child.stdout.destroy();
    const started = Date.now();
    await stopProcessGroup(pid, readProcStat(pid)?.startTicks, 300);
    expect(processGroupMembers(pid)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("leaves a live pid with other start ticks alone (a reused pid)", async () => {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      detached: true,
      stdio: "ignore",
    });
    const pid = child.pid!;
    try {
      await stopProcessGroup(pid, "1", 500);
      expect(isLive(readProcStat(pid))).toBe(true);
    } finally {
      process.kill(-pid, "SIGKILL");
    }
  });
});
