import { ExitCode, StagingError } from "../../errors/StagingError.js";
import type { RetriesExhausted } from "../retryWithBackoff.js";
import type { SshConnectOptions } from "./sshConnect.js";
import { describeCommand, reasonOf } from "../targetErrors.js";

/** The connection never came up within the retry budget. */
export function exhaustedError(options: SshConnectOptions, error: RetriesExhausted): StagingError {
  return new StagingError(`cannot connect to ${options.target}`, {
    code: "E_SSH_CONNECT",
    exitCode: ExitCode.nodeFailed,
    facts: {
      target: options.target,
      attempts: error.attempts,
      "gave up after": `${error.elapsedMs} ms`,
      reason: reasonOf(error.lastError),
    },
    hint: "check that the machine is up and sshd listens on that address and port (staging target check)",
    cause: error.lastError,
  });
}

export function authError(options: SshConnectOptions): StagingError {
  const tried = options.identityFiles.map((f) => f.path).join(", ");
  return new StagingError(`${options.target} refused the login of ${options.user}`, {
    code: "E_SSH_AUTH",
    facts: {
      target: options.target,
      user: options.user,
      "key files": tried || "(none)",
      "ssh-agent": options.agentSocket ? "yes" : "no (SSH_AUTH_SOCK unset)",
    },
    hint: "pass --identity FILE with a key in the user's authorized_keys, or load it into ssh-agent (encrypted keys need the agent)",
  });
}

export function identityError(options: SshConnectOptions, path: string, error: unknown): StagingError {
  return new StagingError(`cannot read the identity file for ${options.target}`, {
    code: "E_SSH_IDENTITY",
    facts: { target: options.target, file: path, error: reasonOf(error) },
    hint: "check the --identity path",
  });
}

export function connectError(options: SshConnectOptions, error: unknown): StagingError {
  return new StagingError(`cannot connect to ${options.target}`, {
    code: "E_SSH_CONNECT",
    exitCode: ExitCode.nodeFailed,
    facts: { target: options.target, reason: reasonOf(error) },
    hint: "check the host name (or the HostName of the alias in ~/.ssh/config)",
  });
}

/** The server would not open a channel for the command (it never started). */
export function channelError(target: string, argv: readonly string[], error: unknown): StagingError {
  if (error instanceof StagingError) return error;
  return new StagingError(`cannot start a command on ${target}`, {
    code: "E_SSH_CHANNEL",
    exitCode: ExitCode.nodeFailed,
    facts: { target, command: describeCommand(argv), reason: reasonOf(error) },
    hint: "the SSH server refused a new session (its MaxSessions?); the node can be run again",
    cause: error,
  });
}
