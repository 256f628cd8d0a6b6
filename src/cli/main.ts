import { CommanderError } from "commander";
import { ExitCode, isStagingError, isUserFsError, translateFsError } from "../errors/index.js";
import { processOutput, type Output } from "./Output.js";
import { normalizeArgv } from "./normalizeArgv.js";
import { buildProgram } from "./program.js";

/**
 * The one place that turns errors into messages and exit codes: a StagingError prints its
 * message and exits with its code; a usage error exits 2; a file-system error a user can cause
 * (no space, read-only, permissions, ...) that no caller translated becomes one, as a last resort;
 * anything else is a bug and prints its stack.
 */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(output, (code) => void (exitCode = Math.max(exitCode, code)));
  try {
    await program.parseAsync(normalizeArgv(argv), { from: "user" });
    return exitCode;
  } catch (thrown) {
    const error = translateFsError(taskError(thrown));
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      )
        return ExitCode.ok;
      return ExitCode.badInput;
    }
    if (isStagingError(error)) {
      output.err(error.format());
      return error.exitCode;
    }
    output.err(
      `internal error (a bug in staging; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 70;
  }
}

/**
 * The scheduler (p-graph) wraps what a node's bookkeeping threw in a PGraphError listing the
 * task errors: a StagingError among them (a full disk under the store) is the one to report.
 */
function taskError(error: unknown): unknown {
  const tasks = (error as { taskErrors?: unknown } | null)?.taskErrors;
  if (!Array.isArray(tasks)) return error;
  return tasks.find(isStagingError) ?? tasks.find(isUserFsError) ?? error;
}
