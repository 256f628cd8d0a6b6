import { isStagingError } from "../../errors/StagingError.js";
import type { Target } from "../../targets/Target.js";

/** A process's peak resident set size, or why it cannot be read. */
export type PeakRss =
  | { bytes: number; source: "VmHWM"; reason?: undefined }
  | { bytes: null; reason: string; source?: undefined };

/** The `VmHWM` ("high water mark") of a `/proc/<pid>/status` text in bytes, or null when absent. */
export function parseVmHwm(status: string): number | null {
  const match = /^VmHWM:\s*(\d+)\s*kB\s*$/m.exec(status);
  return match === null ? null : Number(match[1]) * 1024;
}

/**
 * Peak RSS of a process deployed without a container, read from `/proc/<pid>/status` (`VmHWM`, in kB)
 * through `target.readFile`, so it works locally and over SSH (Linux only). It is that process's own
 * peak: all its threads, but not its children, so `pid` must be the service itself, not a shell or
 * launcher wrapping it. Read it while the process still runs: once it exits the file is gone (or,
 * for an unreaped zombie, holds no VmHWM). Containers: use the docker driver's memory peak instead.
 * A missing file or line gives `bytes: null` with the reason; other target failures (a dropped SSH
 * connection) are thrown.
 */
export async function processPeakRss(target: Target, pid: number): Promise<PeakRss> {
  if (!Number.isInteger(pid) || pid <= 0)
    throw new RangeError(`processPeakRss: pid must be a positive integer, got ${pid}`);
  const file = `/proc/${pid}/status`;
  let status: string;
  try {
    status = await target.readFile(file);
  } catch (error) {
    if (isStagingError(error) && error.code !== "E_TARGET_FILE") throw error;
    const detail = isStagingError(error) ? (error.facts.error ?? error.message) : (error as Error).message;
    return {
      bytes: null,
      reason: `cannot read ${file} on ${target.name} (has process ${pid} exited?): ${detail}`,
    };
  }
  const bytes = parseVmHwm(status);
  if (bytes === null) {
    return {
      bytes: null,
      reason: `no VmHWM in ${file} on ${target.name}: process ${pid} has exited and not been reaped, or has no memory of its own`,
    };
  }
  return { bytes, source: "VmHWM" };
}
