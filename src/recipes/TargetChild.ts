import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import type { CommandResult, RunOptions, Target } from "../targets/Target.js";

/** What zx's spawn hook is given (node's spawn options, as zx fills them). */
export interface SpawnRequest {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer | null;
  signal?: AbortSignal;
}

/**
 * A child process as zx's spawn hook must return one, backed by `target.run(["bash", "-c", cmd])`:
 * output streams as it arrives, then `exit` and `close` with the exit code, or `error` when the
 * command could not be run. Its pid is left unset, so zx never signals a local process for it;
 * an abort goes through the signal, which the target turns into a kill of the whole command.
 */
export class TargetChild extends EventEmitter {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly stdin = new PassThrough();
  readonly pid = undefined;

  constructor(
    target: Target,
    command: string,
    request: SpawnRequest,
    base: Pick<RunOptions, "logFile" | "timeoutMs">,
  ) {
    super();
    const options: RunOptions = {
      ...base,
      env: definedEnv(request.env),
      onOutput: (chunk, stream) => void this[stream].write(chunk),
    };
    if (request.cwd !== undefined) options.cwd = request.cwd;
    if (request.input !== undefined && request.input !== null) options.stdin = request.input.toString();
    if (request.signal !== undefined) options.signal = request.signal;
    // Emitted after the caller has attached its listeners.
    queueMicrotask(() => void this.start(target, command, options));
  }

  kill(): boolean {
    return false;
  }

  private async start(target: Target, command: string, options: RunOptions): Promise<void> {
    let result: CommandResult | undefined;
    try {
      result = await target.run(["bash", "-c", command], options);
    } catch (error) {
      this.emit("error", error);
    }
    this.stdout.end();
    this.stderr.end();
    this.emit("exit", result?.exitCode ?? null, null);
    this.emit("close", result?.exitCode ?? null, null);
  }
}

function definedEnv(env: NodeJS.ProcessEnv | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env ?? {})) if (value !== undefined) out[name] = value;
  return out;
}
