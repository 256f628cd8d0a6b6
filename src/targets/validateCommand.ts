import type { StagingError } from "../errors/StagingError.js";
import { isEnvName } from "./shellQuote.js";
import { badArgvError } from "./targetErrors.js";

/**
 * The rules every target applies before running anything, so a command that works on one target
 * works on the other: a non-empty program name that is not an option, no NUL bytes (no process can
 * receive them), environment names that are names.
 */
export function validateCommand(
  target: string,
  argv: readonly string[],
  env: Record<string, string> | undefined,
): StagingError | undefined {
  const program = argv[0];
  if (program === undefined || program === "") return badArgvError(target, argv, "the program name is empty");
  if (program.startsWith("-")) return badArgvError(target, argv, "the program name starts with '-'");
  if (argv.some((arg) => arg.includes("\0")))
    return badArgvError(target, argv, "an argument contains a NUL byte");
  for (const [name, value] of Object.entries(env ?? {})) {
    if (!isEnvName(name)) return badArgvError(target, argv, `'${name}' is not an environment variable name`);
    if (value.includes("\0")) return badArgvError(target, argv, `the value of ${name} contains a NUL byte`);
  }
  return undefined;
}
