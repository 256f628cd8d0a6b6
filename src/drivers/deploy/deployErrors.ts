import { ExitCode, StagingError } from "../../errors/index.js";

/** A spec value the driver cannot use (a bug or a bad config value upstream). */
export function specError(field: string, got: string, expected: string): StagingError {
  return new StagingError(`invalid deploy ${field}: ${JSON.stringify(got)}`, {
    code: "E_DEPLOY_SPEC",
    exitCode: ExitCode.badInput,
    facts: { field, got, expected },
  });
}

export interface UnhealthyFacts {
  version: string;
  mode: string;
  /** Why it is not healthy, e.g. "exited with code 1" or "/health did not answer". */
  reason: string;
  /** The log's path. */
  log: string;
  /** Its last lines. */
  lastLines: string;
  timeoutMs: number;
  where: string;
}

/** A deployment that did not become healthy in time; it was stopped before this is thrown. */
export function unhealthyError(facts: UnhealthyFacts): StagingError {
  return new StagingError(`deployment ${facts.version}:${facts.mode} did not become healthy`, {
    code: "E_DEPLOY_UNHEALTHY",
    exitCode: ExitCode.nodeFailed,
    facts: {
      version: facts.version,
      mode: facts.mode,
      on: facts.where,
      reason: facts.reason,
      timeout: `${facts.timeoutMs} ms`,
      log: facts.log,
      "last lines": facts.lastLines || "(the log is empty)",
    },
    hint: "read the log: a service must listen on HOST:PORT and answer /health with its build_fingerprint",
  });
}

export function interruptedError(version: string, mode: string): StagingError {
  return new StagingError(`deployment ${version}:${mode} was interrupted and stopped`, {
    code: "E_DEPLOY_INTERRUPTED",
    exitCode: ExitCode.interrupted,
    facts: { version, mode },
  });
}

export function tasksetMissingError(cpus: string): StagingError {
  return new StagingError("CPU placement needs taskset, which is not installed here", {
    code: "E_DEPLOY_TASKSET",
    exitCode: ExitCode.nodeFailed,
    facts: { cpus, searched: "PATH" },
    hint: "install util-linux (Debian: apt-get install util-linux) or remove `cpus` from the deploy recipe",
  });
}

export function spawnFailedError(command: string, detail: string): StagingError {
  return new StagingError(`cannot start the deployment's command`, {
    code: "E_DEPLOY_SPAWN",
    exitCode: ExitCode.nodeFailed,
    facts: { command, error: detail },
    hint: "check the deploy recipe's command and that the artifact was built",
  });
}
