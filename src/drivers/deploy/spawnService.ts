import { spawn } from "node:child_process";
import { accessSync, closeSync, constants, fstatSync, mkdirSync, openSync, writeSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { describeCommand } from "../../targets/targetErrors.js";
import { spawnFailedError, tasksetMissingError } from "./deployErrors.js";
import { readProcStat } from "./procStat.js";

/** Variables a deployed process takes from this one; everything else comes from its spec. */
export const INHERITED_ENV = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR"] as const;

/** A process group just started. */
export interface Launched {
  pid: number;
  startTicks: string | undefined;
  /** Size of the log before the command's first output: its tail starts here. */
  logOffset: number;
  /** How it ended ("exited with code 1"), or undefined while it runs. */
  ended(): string | undefined;
  /** Lets this process exit while the service keeps running. */
  release(): void;
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
 * Starts `argv` detached (its own session and process group, led by its pid), stdin closed,
 * stdout and stderr appended to `logFile` after a header line naming the command.
 */
export async function spawnService(
  argv: readonly string[],
  env: Record<string, string>,
  logFile: string,
): Promise<Launched> {
  const [program, ...args] = argv as [string, ...string[]];
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, "a");
  let child;
  let logOffset: number;
  try {
    writeSync(fd, `# ${new Date().toISOString()} staging deploy: ${describeCommand(argv)}\n`);
    logOffset = fstatSync(fd).size;
    child = spawn(program, args, {
      detached: true,
      stdio: ["ignore", fd, fd],
      env: { ...baseEnv(), ...env },
    });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once("error", resolve));
    throw spawnFailedError(describeCommand(argv), error.message);
  }
  const pid = child.pid;
  const startTicks = readProcStat(pid)?.startTicks;
  let ending: string | undefined;
  child.once("exit", (code, signal) => {
    ending = signal ? `was killed by ${signal}` : `exited with code ${code ?? "?"}`;
  });
  return { pid, startTicks, logOffset, ended: () => ending, release: () => child.unref() };
}
