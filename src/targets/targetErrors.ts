import { ExitCode, StagingError } from "../errors/StagingError.js";
import { shellJoin } from "./shellQuote.js";

/** The command as it appears in messages: quoted, cut to a readable length. Env values never appear. */
export function describeCommand(argv: readonly string[]): string {
  const text = shellJoin(argv.map((arg) => arg.replace(/\0/g, "\\0")));
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

export function timeoutError(target: string, argv: readonly string[], timeoutMs: number): StagingError {
  return new StagingError(`command timed out on ${target} and was killed`, {
    code: "E_TARGET_TIMEOUT",
    exitCode: ExitCode.nodeFailed,
    facts: { target, command: describeCommand(argv), timeout: `${timeoutMs} ms` },
    hint: "raise the step's timeout if the command needs longer, or find out why it hangs",
  });
}

export function abortedError(target: string, argv: readonly string[]): StagingError {
  return new StagingError(`command was interrupted on ${target}`, {
    code: "E_TARGET_ABORTED",
    exitCode: ExitCode.interrupted,
    facts: { target, command: describeCommand(argv) },
  });
}

export function droppedError(
  target: string,
  argv: readonly string[] | undefined,
  cause?: unknown,
): StagingError {
  return new StagingError(`the SSH connection to ${target} dropped while a command ran`, {
    code: "E_SSH_DROPPED",
    exitCode: ExitCode.nodeFailed,
    facts: { target, command: argv ? describeCommand(argv) : undefined, reason: reasonOf(cause) },
    hint: "this is not the command's failure: the node did not complete and reruns on the next make",
    cause,
  });
}

export function badArgvError(target: string, argv: readonly string[], why: string): StagingError {
  return new StagingError(`cannot run this command on ${target}: ${why}`, {
    code: "E_TARGET_ARGV",
    exitCode: ExitCode.badInput,
    facts: { target, command: describeCommand(argv) },
  });
}

export function fileError(target: string, action: string, path: string, detail: string): StagingError {
  return new StagingError(`cannot ${action} ${path} on ${target}`, {
    code: "E_TARGET_FILE",
    exitCode: ExitCode.nodeFailed,
    facts: { target, path, error: detail.trim() || undefined },
  });
}

/** A short reason from an unknown error, without stack or config objects. */
export function reasonOf(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" && !cause.message.includes(code)
      ? `${cause.message} (${code})`
      : cause.message;
  }
  if (typeof cause === "string" || typeof cause === "number" || typeof cause === "boolean")
    return String(cause);
  return JSON.stringify(cause) ?? "unknown error";
}
