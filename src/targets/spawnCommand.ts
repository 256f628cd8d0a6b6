import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { ExitCode, StagingError } from "../errors/StagingError.js";
import { OutputSink } from "./OutputSink.js";
import type { CommandResult, RunOptions } from "./Target.js";
import { abortedError, describeCommand, timeoutError } from "./targetErrors.js";
import { signalExitCode } from "./ssh/sshExec.js";

const KILL_GRACE_MS = 5_000;

/**
 * Runs `argv` as a child process without a shell (arguments reach it byte-exact), in its own
 * process group so that a timeout or an abort kills everything it started: TERM, then KILL.
 */
export function spawnCommand(
  target: string,
  argv: readonly string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  const sink = new OutputSink(options);
  sink.note(`$ ${describeCommand(argv)}${envNote(options)}`);
  const [program, ...args] = argv as [string, ...string[]];
  return new Promise<CommandResult>((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const watch = watchdog(child, options);
    child.stdout?.on("data", (chunk: Buffer) => sink.write("stdout", chunk));
    child.stderr?.on("data", (chunk: Buffer) => sink.write("stderr", chunk));
    child.stdin?.on("error", () => {}); // a command that does not read its stdin closes it early
    if (typeof options.stdin === "object") options.stdin.pipe(child.stdin);
    else child.stdin?.end(options.stdin ?? "");
    child.on("error", (error: NodeJS.ErrnoException) => {
      watch.dispose();
      sink.finish();
      reject(spawnError(target, argv, options.cwd, error));
    });
    child.on("close", (code, signal) => {
      watch.dispose();
      const output = sink.finish();
      if (watch.reason === "timeout") reject(timeoutError(target, argv, options.timeoutMs ?? 600_000));
      else if (watch.reason === "aborted") reject(abortedError(target, argv));
      else resolve({ exitCode: code ?? signalExitCode(signal), ...output });
    });
  });
}

interface Watchdog {
  reason: "timeout" | "aborted" | undefined;
  dispose(): void;
}

/** Kills the child's process group (TERM, then KILL) on timeout or abort, and remembers why. */
function watchdog(child: ChildProcess, options: RunOptions): Watchdog {
  const kill = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const watch: Watchdog = { reason: undefined, dispose: () => {} };
  const stop = (why: "timeout" | "aborted"): void => {
    if (watch.reason) return;
    watch.reason = why;
    kill("SIGTERM");
    setTimeout(() => kill("SIGKILL"), KILL_GRACE_MS).unref();
  };
  const timer = setTimeout(() => stop("timeout"), options.timeoutMs ?? 600_000);
  const onAbort = (): void => stop("aborted");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  watch.dispose = () => {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  };
  return watch;
}

function envNote(options: RunOptions): string {
  const names = Object.keys(options.env ?? {});
  const cwd = options.cwd !== undefined ? ` (in ${options.cwd})` : "";
  return names.length > 0 ? `${cwd} [env: ${names.join(", ")}]` : cwd;
}

function spawnError(
  target: string,
  argv: readonly string[],
  cwd: string | undefined,
  error: NodeJS.ErrnoException,
): StagingError {
  if (cwd !== undefined && !existsSync(cwd)) {
    return new StagingError(`working directory does not exist on ${target}`, {
      code: "E_TARGET_CWD",
      exitCode: ExitCode.nodeFailed,
      facts: { target, cwd, command: describeCommand(argv) },
    });
  }
  const missing = error.code === "ENOENT";
  return new StagingError(
    missing ? `program not found on ${target}: ${argv[0]}` : `cannot start ${argv[0]} on ${target}`,
    {
      code: missing ? "E_TARGET_NOT_FOUND" : "E_TARGET_SPAWN",
      exitCode: ExitCode.nodeFailed,
      facts: { target, command: describeCommand(argv), error: error.message },
      hint: missing ? `install ${argv[0]} on ${target} or put it on the PATH` : undefined,
    },
  );
}
