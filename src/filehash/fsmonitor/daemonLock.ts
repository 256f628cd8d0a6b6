import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { processAlive, processStartTicks } from "../../fsutil/processAlive.js";

/**
 * One daemon per socket: the one that creates the lock file beside it (an exclusive create, so of
 * two started at once exactly one wins). A lock whose process is gone is taken over.
 */
export function takeDaemonLock(path: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, ownLock(), { flag: "wx", mode: 0o600 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return false;
      const [pid, ticks] = readLock(path);
      if (pid !== undefined && processAlive(pid, ticks)) return false;
      // Empty: another daemon has created it and not yet written its pid, unless that was long ago.
      if (
        pid === undefined &&
        Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 10_000
      ) {
        return false;
      }
      rmSync(path, { force: true });
    }
  }
  return false;
}

/** Whether the lock still names this process: a daemon that lost it must leave everything alone. */
export function holdsDaemonLock(path: string): boolean {
  try {
    return readFileSync(path, "utf8") === ownLock();
  } catch {
    return false;
  }
}

function ownLock(): string {
  return `${process.pid} ${processStartTicks(process.pid) ?? ""}`;
}

function readLock(path: string): [number | undefined, string | undefined] {
  try {
    const [pid, ticks] = readFileSync(path, "utf8").split(" ");
    const n = Number(pid);
    return [Number.isSafeInteger(n) && n > 0 ? n : undefined, ticks || undefined];
  } catch {
    return [undefined, undefined];
  }
}
