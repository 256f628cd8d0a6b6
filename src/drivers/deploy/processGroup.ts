import { isLive, processGroupMembers, readProcStat } from "./procStat.js";

export const STOP_GRACE_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone already
  }
}

async function waitGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (processGroupMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
}

/**
 * Whether `pid` still names the process that was started: alive with the recorded start ticks.
 * A live process with other start ticks is a reused pid and must not be signalled.
 */
export function isSameProcess(pid: number, startTicks: string | undefined): boolean {
  const stat = readProcStat(pid);
  return isLive(stat) && (startTicks === undefined || stat.startTicks === startTicks);
}

/**
 * Stops the process group led by `pid`: SIGTERM, up to `graceMs` for every member to exit, then
 * SIGKILL. A pid now used by another process is left alone; a group whose leader already exited
 * is still stopped (Linux never reuses a pid while a group of that id exists).
 */
export async function stopProcessGroup(
  pid: number,
  startTicks: string | undefined,
  graceMs = STOP_GRACE_MS,
): Promise<void> {
  const stat = readProcStat(pid);
  if (isLive(stat) && startTicks !== undefined && stat.startTicks !== startTicks) return;
  if (processGroupMembers(pid).length === 0) return;
  signalGroup(pid, "SIGTERM");
  if (await waitGroupGone(pid, graceMs)) return;
  signalGroup(pid, "SIGKILL");
  await waitGroupGone(pid, 2_000);
}
