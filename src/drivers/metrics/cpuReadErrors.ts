import { lastLines } from "../../fsutil/logTail.js";
import { ExitCode, StagingError } from "../../errors/StagingError.js";

/** The process whose CPU was asked for is not running (the service exited during the run). */
export function processGoneError(target: string, pid: number): StagingError {
  return new StagingError(`cannot read the CPU time of process ${pid} on ${target}: it is not running`, {
    code: "E_CPU_PROCESS_GONE",
    exitCode: ExitCode.nodeFailed,
    facts: { target, pid },
    hint: "the service exited during the run: its log says why",
  });
}

/** A read that could not be made at all: the shell failed, or no CPU counter is readable. */
export function cpuReadError(target: string, what: string, detail: string): StagingError {
  return new StagingError(`cannot read the CPU time of ${what} on ${target}`, {
    code: "E_CPU_READ",
    exitCode: ExitCode.nodeFailed,
    facts: { target, detail: lastLines(detail, 5) || undefined },
  });
}

/** Pids reach shell scripts as arguments: only positive integers are accepted. */
export function assertPid(pid: number, caller: string): number {
  if (!Number.isInteger(pid) || pid <= 0)
    throw new RangeError(`${caller}: pid must be a positive integer, got ${pid}`);
  return pid;
}
