import { mkdir, writeFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { ExitCode, StagingError } from "../../errors/StagingError.js";
import type { CommandResult, Target } from "../../targets/Target.js";
import { buildK6Command, buildK6WarmupCommand, k6TimeoutMs, type K6CommandInput } from "./k6Command.js";
import type { LoadDriver, LoadInput, LoadResult } from "./LoadDriver.js";
import { parseK6SummaryExport } from "./parseK6SummaryExport.js";
import { validateLoadInput } from "./validateLoadInput.js";

export interface K6DriverOptions {
  /** Where k6 runs (this machine or the VM); the deployment URL must be loopback there. */
  target: Target;
  /** Folder on the target for k6's summary file. @default the input's workDir (right for the local target) */
  remoteDir?: string;
}

/** k6's exit code when a threshold failed. */
const THRESHOLDS_FAILED = 99;
const INSTALL_URL = "https://grafana.com/docs/k6/latest/set-up/install-k6/";

/**
 * Runs the benchmark's k6 script on a target: a discarded warm-up run (when `warmup_s` > 0), then
 * the measured run with `--summary-export`, whose file is read back through the target and parsed.
 * Exit code 99 (thresholds failed) makes the run invalid, naming each failed threshold.
 */
export class K6Driver implements LoadDriver {
  readonly name = "k6" as const;

  constructor(private readonly options: K6DriverOptions) {}

  async run(input: LoadInput, signal?: AbortSignal): Promise<LoadResult> {
    validateLoadInput(input, { needsBodies: false });
    const script = input.load.k6?.script;
    if (!script) {
      throw new StagingError("the k6 driver needs a script", {
        code: "E_LOAD_SPEC",
        facts: { field: "load.k6.script", expected: "a path under benchmark/" },
        hint: "set load.k6.script, or use driver: autocannon",
      });
    }
    signal?.throwIfAborted();
    await mkdir(input.workDir, { recursive: true });
    const remoteDir = this.options.remoteDir ?? input.workDir;
    if (this.options.remoteDir !== undefined)
      await this.exec(["mkdir", "-p", remoteDir], input, "prepare", signal);
    const command: K6CommandInput = {
      script,
      baseUrl: input.url,
      functions: input.requests.map((r) => r.name),
      load: input.load,
      seed: input.seed,
    };
    if (input.load.warmup_s > 0) await this.exec(buildK6WarmupCommand(command), input, "warmup", signal);

    const summaryPath = posix.join(remoteDir, "summary.json");
    const measured = await this.exec(buildK6Command(command, summaryPath), input, "measure", signal);
    const text = await this.readSummary(summaryPath, measured, input.workDir);
    if (remoteDir !== input.workDir) await writeFile(join(input.workDir, "summary.json"), text);
    const names = input.requests.map((r) => r.name);
    return this.toLoadResult(parseK6SummaryExport(text, names), measured.exitCode);
  }

  private toLoadResult(fields: ReturnType<typeof parseK6SummaryExport>, exitCode: number): LoadResult {
    const invalidReasons = [...fields.invalidReasons];
    if (exitCode === THRESHOLDS_FAILED && invalidReasons.length === 0) {
      invalidReasons.push("k6 threshold failed: k6 exited with 99 but the summary names no failed threshold");
    }
    const missing = [
      ["latencyUs.p95", fields.latencyUs.p95],
      ["failRate", fields.failRate],
      ["throughput", fields.throughput],
    ].filter(([, value]) => value === null);
    if (missing.length > 0)
      invalidReasons.push(`missing data: ${missing.map(([name]) => name).join(", ")} not in the k6 summary`);
    else if (fields.requests.completed === 0)
      invalidReasons.push("no successful response in the measured window");
    return {
      driver: "k6",
      latencyUs: fields.latencyUs,
      histogram: null,
      statusCounts: {},
      errors: fields.errors,
      requests: fields.requests,
      throughput: fields.throughput,
      windowS: fields.windowS,
      failRate: fields.failRate,
      endpoints: fields.endpoints,
      responseMismatches: 0,
      responsesChecked: 0,
      invalidReasons,
      unavailable: fields.unavailable,
    };
  }

  private async exec(
    argv: string[],
    input: LoadInput,
    phase: "prepare" | "warmup" | "measure",
    signal: AbortSignal | undefined,
  ): Promise<CommandResult> {
    const { target } = this.options;
    let result: CommandResult;
    try {
      result = await target.run(argv, {
        timeoutMs: phase === "prepare" ? 60_000 : k6TimeoutMs(input.load, phase),
        logFile: join(input.workDir, "k6.log"),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (argv[0] === "k6" && (cause as NodeJS.ErrnoException | null)?.code === "ENOENT")
        throw this.missing(cause);
      throw cause;
    }
    if (signal?.aborted) throw signal.reason;
    if (argv[0] === "k6" && isCommandNotFound(result)) throw this.missing();
    if (result.exitCode === 0 || (phase === "measure" && result.exitCode === THRESHOLDS_FAILED))
      return result;
    throw new StagingError(
      phase === "prepare" ? "could not create k6's output folder" : `k6 ${phase} run failed`,
      {
        code: "E_K6_FAILED",
        exitCode: ExitCode.nodeFailed,
        facts: {
          driver: "k6",
          target: target.name,
          command: argv.join(" "),
          "exit code": result.exitCode,
          stderr: tail(result.stderr),
        },
        ...(phase === "warmup"
          ? {
              hint: "the warm-up runs the script's default function with --vus/--duration; set load.warmup_s: 0 for a script without one",
            }
          : {}),
      },
    );
  }

  private async readSummary(path: string, measured: CommandResult, workDir: string): Promise<string> {
    try {
      return await this.options.target.readFile(path);
    } catch (cause) {
      throw new StagingError("k6 wrote no summary", {
        code: "E_K6_SUMMARY",
        exitCode: ExitCode.nodeFailed,
        facts: {
          driver: "k6",
          target: this.options.target.name,
          file: path,
          "exit code": measured.exitCode,
          stderr: tail(measured.stderr),
        },
        hint: `k6's output is in ${join(workDir, "k6.log")}`,
        cause,
      });
    }
  }

  private missing(cause?: unknown): StagingError {
    return new StagingError(`k6 is not installed on ${this.options.target.name}`, {
      code: "E_K6_MISSING",
      exitCode: ExitCode.nodeFailed,
      facts: { driver: "k6", target: this.options.target.name, command: "k6" },
      hint: `install k6 on the target (${INSTALL_URL}), or set load.driver: autocannon`,
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

function isCommandNotFound(result: CommandResult): boolean {
  return (
    result.exitCode === 127 ||
    (result.exitCode !== 0 && /command not found|k6: not found/i.test(result.stderr))
  );
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n") || "(empty)";
}
