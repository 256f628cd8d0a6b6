import { lastLines } from "../../fsutil/logTail.js";
import { ExitCode, StagingError, isStagingError } from "../../errors/index.js";
import type { CommandResult, RunOptions, Target } from "../../targets/Target.js";
import type { DockerCliOptions } from "./types.js";

/** stderr of a docker client that cannot reach its daemon. */
const UNAVAILABLE =
  /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|permission denied while trying to connect to the Docker daemon/i;
/** stderr of an inspect/rm/logs of something that does not exist. */
const NOT_FOUND = /no such (object|image|container)/i;

/** A target's codes for a program that does not exist there or cannot be started. */
const CANNOT_START = new Set(["E_TARGET_NOT_FOUND", "E_TARGET_SPAWN"]);

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isNotFound(result: CommandResult): boolean {
  return result.exitCode !== 0 && NOT_FOUND.test(result.stderr);
}

/**
 * Runs the docker client on a target. A client that cannot be started, or that cannot reach its
 * daemon, becomes `E_DOCKER_UNAVAILABLE`; every other result goes back to the caller.
 */
export class DockerExec {
  readonly binary: string;
  readonly buildkit: boolean;
  private readonly env: Record<string, string>;

  constructor(
    readonly target: Target,
    options: DockerCliOptions = {},
  ) {
    this.binary = options.binary ?? "docker";
    this.buildkit = options.buildkit ?? false;
    this.env = options.env ?? {};
  }

  async run(args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const argv = [this.binary, ...args];
    let result: CommandResult;
    try {
      result = await this.target.run(argv, { ...options, env: { ...this.env, ...options.env } });
    } catch (error) {
      throw this.notStarted(error);
    }
    return this.classify(result);
  }

  /** The environment every docker command of this client gets (e.g. `DOCKER_HOST`). */
  get environment(): Record<string, string> {
    return { ...this.env };
  }

  /** A target's error for a client that could not run: E_DOCKER_UNAVAILABLE, or the target's own (timeout, interrupt, drop). */
  notStarted(error: unknown): unknown {
    // The target's own errors (timeout, interrupt, dropped connection) say what happened.
    if (isStagingError(error) && !CANNOT_START.has(error.code)) return error;
    const headline = `could not run ${this.binary} on ${this.target.name}`;
    return this.unavailable(headline, reason(error), this.installHint(), error);
  }

  /** A client that is not installed or cannot reach its daemon is E_DOCKER_UNAVAILABLE; any other result is returned. */
  classify(result: CommandResult): CommandResult {
    // A remote shell that found no such program (not `docker run` of a missing command, also 127).
    const stderr = result.stderr;
    if (result.exitCode === 127 && /\bnot found\b/.test(stderr) && stderr.includes(`${this.binary}:`)) {
      const headline = `${this.binary} is not installed on ${this.target.name}`;
      throw this.unavailable(headline, lastLines(stderr, 3), this.installHint());
    }
    if (result.exitCode !== 0 && UNAVAILABLE.test(stderr)) {
      const headline = `docker daemon is not reachable on ${this.target.name}`;
      const hint = `start dockerd and check that \`${this.binary} info\` answers on ${this.target.name} (CI: scripts/ci/start-dockerd.sh)`;
      throw this.unavailable(headline, lastLines(stderr, 3), hint);
    }
    return result;
  }

  private installHint(): string {
    return `install docker on ${this.target.name} (Debian: apt-get install docker.io) or pass the client's path as \`binary\``;
  }

  /** Runs and requires exit code 0, else `E_DOCKER` with the command and its stderr. */
  async check(args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const result = await this.run(args, options);
    if (result.exitCode !== 0) throw this.failed(args, result);
    return result;
  }

  failed(args: readonly string[], result: CommandResult): StagingError {
    return new StagingError(`docker ${args[0] ?? ""} failed on ${this.target.name}`, {
      code: "E_DOCKER",
      exitCode: ExitCode.nodeFailed,
      facts: {
        command: [this.binary, ...args].join(" "),
        "exit code": result.exitCode,
        stderr: lastLines(result.stderr, 10) || undefined,
      },
    });
  }

  private unavailable(headline: string, detail: string, hint: string, cause?: unknown): StagingError {
    return new StagingError(headline, {
      code: "E_DOCKER_UNAVAILABLE",
      exitCode: ExitCode.nodeFailed,
      facts: { target: this.target.name, client: this.binary, detail },
      hint,
      cause,
    });
  }
}
