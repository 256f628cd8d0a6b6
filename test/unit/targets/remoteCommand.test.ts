import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PidMarkerFilter } from "../../../src/targets/ssh/PidMarkerFilter.js";
import { killGroupArgv, remoteCommand } from "../../../src/targets/remoteCommand.js";
import { shellJoin } from "../../../src/targets/shellQuote.js";
import { HOSTILE } from "./hostile.js";

const dir = mkdtempSync(join(tmpdir(), "staging-remote-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a remote POSIX shell does with the command string (`sh -c`, as sshd runs it). */
function remote(command: string): { stdout: string; stderr: Buffer; status: number | null } {
  const result = spawnSync("sh", ["-c", command], { encoding: "buffer" });
  return { stdout: result.stdout.toString("utf8"), stderr: result.stderr, status: result.status };
}

/** Processes of a group that are not zombies. */
function livingIn(pgid: number): string[] {
  const states = spawnSync("ps", ["-o", "stat=", "-g", String(pgid)], { encoding: "utf8" }).stdout;
  return states.split("\n").filter((s) => s.trim() !== "" && !s.trim().startsWith("Z"));
}

describe("remoteCommand", () => {
  it("reports the shell's pid on stderr first, then runs argv byte-exact", () => {
    const out = remote(remoteCommand(["printf", "%s\\0", ...HOSTILE]));
    expect(out.status).toBe(0);
    expect(out.stdout.split("\0").slice(0, -1)).toEqual(HOSTILE);
    const filter = new PidMarkerFilter();
    expect(filter.push(out.stderr).length).toBe(0);
    expect(filter.pid).toBeGreaterThan(1);
  });

  it("quotes env values and the working directory; nothing in them executes", () => {
    const cwd = join(dir, "it's a $(dir)");
    spawnSync("mkdir", ["-p", cwd]);
    const marker = join(dir, "pwned");
    const env = { A: `$(touch ${marker})`, B: "`touch ${marker}`\nline 2", C: "it's" };
    const out = remote(remoteCommand(["sh", "-c", 'printf "%s\\0" "$A" "$B" "$C" "$PWD"'], { cwd, env }));
    expect(out.stdout.split("\0").slice(0, -1)).toEqual([env.A, env.B, env.C, cwd]);
    expect(existsSync(marker)).toBe(false);
  });

  it("fails (does not run the command) when the directory is missing", () => {
    const out = remote(remoteCommand(["echo", "ran"], { cwd: join(dir, "missing") }));
    expect(out.status).not.toBe(0);
    expect(out.stdout).toBe("");
  });

  it("exec replaces the shell, so the reported pid is the command's own", () => {
    const out = remote(remoteCommand(["sh", "-c", "echo $$"]));
    const filter = new PidMarkerFilter();
    filter.push(out.stderr);
    expect(Number(out.stdout.trim())).toBe(filter.pid);
  });

  it("killGroupArgv kills a whole process group, TERM then KILL", async () => {
    const leader = spawn("sh", ["-c", 'trap "" TERM; sleep 300 & sleep 301'], {
      detached: true,
      stdio: "ignore",
    });
    const pgid = leader.pid ?? 0;
    await new Promise((r) => setTimeout(r, 300));
    expect(livingIn(pgid).length).toBeGreaterThanOrEqual(2);
    const kill = spawnSync("sh", ["-c", shellJoin(killGroupArgv(pgid, 1))], { encoding: "utf8" });
    expect(kill.status).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(livingIn(pgid)).toEqual([]);
  });
});

describe("PidMarkerFilter", () => {
  const marked = Buffer.from("junk\x1estaging-pid:4242\x1eerror text", "latin1");

  it("takes the marker out of a stream split at every byte", () => {
    const filter = new PidMarkerFilter();
    const passed: Buffer[] = [];
    for (let i = 0; i < marked.length; i++) passed.push(filter.push(marked.subarray(i, i + 1)));
    passed.push(filter.flush());
    expect(filter.pid).toBe(4242);
    expect(Buffer.concat(passed).toString("latin1")).toBe("junkerror text");
  });

  it("passes everything on when no marker comes", () => {
    const filter = new PidMarkerFilter();
    const first = filter.push(Buffer.from("no marker here"));
    expect(Buffer.concat([first, filter.flush()]).toString()).toBe("no marker here");
    expect(filter.pid).toBeUndefined();
  });

  it("passes later chunks through untouched once the marker was seen", () => {
    const filter = new PidMarkerFilter();
    filter.push(Buffer.from("\x1estaging-pid:7\x1e", "latin1"));
    expect(filter.push(Buffer.from("\x1estaging-pid:8\x1e", "latin1")).toString("latin1")).toBe(
      "\x1estaging-pid:8\x1e",
    );
    expect(filter.pid).toBe(7);
  });
});
