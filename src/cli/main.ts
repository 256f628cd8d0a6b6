import { CommanderError } from "commander";
import { ExitCode, isStagingError } from "../errors/index.js";
import { processOutput, type Output } from "./Output.js";
import { normalizeArgv } from "./normalizeArgv.js";
import { buildProgram } from "./program.js";

/**
 * The one place that turns errors into messages and exit codes: a StagingError prints its
 * message and exits with its code; a usage error exits 2; anything else is a bug and prints its stack.
 */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(output, (code) => void (exitCode = Math.max(exitCode, code)));
  try {
    await program.parseAsync(normalizeArgv(argv), { from: "user" });
    return exitCode;
  } catch (error) {
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
