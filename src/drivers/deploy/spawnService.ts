import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, closeSync, constants, fstatSync, mkdirSync, openSync, writeSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { describeCommand } from "../../targets/targetErrors.js";
import { spawnFailedError, tasksetMissingError } from "./deployErrors.js";
import { readProcStat } from "./procStat.js";
import { SUPERVISOR_SOURCE } from "./supervisorSource.js";

/** Variables a deployed process takes from this one; everything else comes from its spec. */
export const INHERITED_ENV = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR"] as const;

/** A service just started in its own process group, watched by its supervisor (see `supervisorSource`). */
export interface Launched {
  pid: number;
  startTicks: string | undefined;
  /** Size of the log before the command's first output: its tail starts here. */
  logOffset: number;
  /** How it ended ("exited with code 1"), or undefined while it runs. */
  ended(): string | undefined;
  /** Lets go of the service: it outlives this process (a deploy node's service). */
  detach(): void;
  /** Lets this process exit while the service runs; the service still stops when this process ends. */
  unref(): void;
  /** Ends the supervision: the supervisor stops the group if it still runs, then exits. */
  end(): Promise<void>;
}

/** The first executable `name` on PATH, or null. */
export function findExecutable(name: string, path = process.env.PATH ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

/** `taskset -c <cpus>` (it execs the command: the pid stays the service's), or nothing. */
export function placementPrefix(cpus: string | undefined): string[] {
  if (cpus === undefined) return [];
  const taskset = findExecutable("taskset");
  if (taskset === null) throw tasksetMissingError(cpus);
  return [taskset, "-c", cpus];
}

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of INHERITED_ENV) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * Starts `argv` in its own session and process group (led by its pid), stdin closed, stdout and
 * stderr appended to `logFile` after a header line naming the command. A supervisor process
 * starts it and holds a pipe from this one: when this process ends, even by SIGKILL, the pipe
 * closes and the supervisor stops the group, unless `detach()` let go of it first.
 */
export async function spawnService(
  argv: readonly string[],
  env: Record<string, string>,
  logFile: string,
  graceMs = 5_000,
): Promise<Launched> {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, "a");
  let supervisor: ChildProcess;
  let logOffset: number;
  try {
    writeSync(fd, `# ${new Date().toISOString()} staging deploy: ${describeCommand(argv)}\n`);
    logOffset = fstatSync(fd).size;
    supervisor = spawn(process.execPath, ["-e", SUPERVISOR_SOURCE], {
      detached: true,
      stdio: ["pipe", "pipe", "ignore", fd],
      env: baseEnv(),
    });
  } finally {
    closeSync(fd);
  }
  const title = `staging supervisor: ${argv.join(" ").slice(0, 200)}`;
  supervisor.stdin!.on("error", () => {});
  supervisor.stdin!.write(JSON.stringify({ argv, env: { ...baseEnv(), ...env }, graceMs, title }) + "\n");
  const reports = new Reports(supervisor);
  const first = await reports.first;
  if (!("pid" in first)) throw spawnFailedError(describeCommand(argv), first.message);
  const pid = first.pid;
  return {
    pid,
    startTicks: readProcStat(pid)?.startTicks,
    logOffset,
    ended: () => reports.ending,
    detach: () => {
      supervisor.stdin!.end("release\n");
      unrefAll(supervisor);
    },
    unref: () => unrefAll(supervisor),
    end: () => {
      const exited = new Promise<void>((resolve) => {
        if (supervisor.exitCode !== null || supervisor.signalCode !== null) resolve();
        else supervisor.once("exit", () => resolve());
      });
      // Waited for: an unref'd child would let the process end (exit code 13) before it exits.
      supervisor.ref();
      supervisor.stdin!.end();
      return exited;
    },
  };
}

type Report =
  { pid: number } | { error: string; message: string } | { exit: number | null; signal: string | null };

/** The supervisor's lines: the first (started or not), then how the service ended. */
class Reports {
  ending: string | undefined;
  readonly first: Promise<{ pid: number } | { error: string; message: string }>;

  constructor(supervisor: ChildProcess) {
    let settle: (r: { pid: number } | { error: string; message: string }) => void = () => {};
    this.first = new Promise((resolve) => (settle = resolve));
    let pending = "";
    supervisor.stdout!.setEncoding("utf8");
    supervisor.stdout!.on("data", (chunk: string) => {
      pending += chunk;
      for (let at = pending.indexOf("\n"); at >= 0; at = pending.indexOf("\n")) {
        const report = JSON.parse(pending.slice(0, at)) as Report;
        pending = pending.slice(at + 1);
        if ("exit" in report)
          this.ending = report.signal
            ? `was killed by ${report.signal}`
            : `exited with code ${report.exit ?? "?"}`;
        else settle(report);
      }
    });
    supervisor.once("error", (error) => settle({ error: "ESPAWN", message: error.message }));
    supervisor.once("exit", (code, signal) =>
      settle({
        error: "ESUPERVISOR",
        message: `the supervisor ended (${signal ?? `code ${code}`}) before the service started`,
      }),
    );
  }
}

function unrefAll(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout])
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
}
