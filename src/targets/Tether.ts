import { PassThrough } from "node:stream";
import { shellJoin } from "./shellQuote.js";
import type { CommandResult, Target } from "./Target.js";

/** A watchdog on a target holding what its start command made (a container) to this process. */
export interface Tether {
  /** The start command's output and exit code, once it ended (the watchdog holds on after). */
  started: Promise<CommandResult>;
  /** Lets go: the watchdog exits without its cleanup, what was started outlives this process. */
  release(): Promise<void>;
  /** Runs the cleanup now (it is idempotent) and waits for the watchdog to exit. */
  cut(): Promise<void>;
}

/**
 * The watchdog: runs the start command, reports its status, then reads stdin. A `release` line
 * ends it; end of input runs the cleanup: staging closed it, or staging died and the kernel closed
 * its pipe (this machine) or sshd closed the session's stdin when the connection went (SSH).
 */
const WATCHDOG = [
  'cleanup=$1; shift; "$@" </dev/null; status=$?',
  // On both streams: over SSH one may arrive before the other; the start's output is whole once both have.
  "printf '\\n\\036staging-started:%s\\036\\n' \"$status\"; printf '\\n\\036staging-started:%s\\036\\n' \"$status\" >&2",
  'IFS= read -r line || line=; [ "$line" = release ] && exit 0',
  'eval "$cleanup" </dev/null >/dev/null 2>&1; exit 0',
].join("\n");

const RS = String.fromCharCode(0x1e);
const STARTED = new RegExp(`\n${RS}staging-started:(\\d+)${RS}\n`);
/** setTimeout's ceiling: the watchdog lives as long as the service, not a command's timeout. */
const FOREVER_MS = 2 ** 31 - 1;

/**
 * Starts `start` on `target` under a watchdog that runs `cleanup` when this process lets go of it
 * without `release()`, even when it is killed by SIGKILL: on this machine the watchdog is its own
 * session holding a pipe from this process; over SSH it is the remote side of the session. The
 * start command runs inside the watchdog, so nothing it makes can escape a death mid-start.
 */
export function startTether(
  target: Target,
  start: readonly string[],
  cleanup: readonly string[],
  env: Record<string, string> = {},
): Tether {
  const hold = new PassThrough();
  let stdout = "";
  let stderr = "";
  let report: (result: CommandResult) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const started = new Promise<CommandResult>((resolve, reject) => ((report = resolve), (fail = reject)));
  const ended = target
    .run(["sh", "-c", WATCHDOG, "sh", shellJoin(cleanup), ...start], {
      stdin: hold,
      env,
      timeoutMs: FOREVER_MS,
      onOutput: (chunk, stream) => {
        if (stream === "stderr") stderr += chunk;
        else stdout += chunk;
        const [out, err] = [STARTED.exec(stdout), STARTED.exec(stderr)];
        if (out && err)
          report({
            exitCode: Number(out[1]),
            stdout: stdout.slice(0, out.index),
            stderr: stderr.slice(0, err.index),
          });
      },
    })
    .then(
      (result) => fail(new Error(`the watchdog on ${target.name} ended before it started: ${result.stderr}`)),
      (error: unknown) => fail(error),
    );
  return {
    started,
    release: async () => {
      hold.end("release\n");
      await ended;
    },
    cut: async () => {
      hold.end();
      await ended;
    },
  };
}
