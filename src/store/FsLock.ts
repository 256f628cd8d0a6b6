import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { hostname } from "node:os";
import { ExitCode, StagingError, translateFsError } from "../errors/index.js";
import { processAlive, processStartTicks } from "../fsutil/processAlive.js";

interface LockOwner {
  pid: number;
  host: string;
  startTicks?: string;
  since: string;
  token: string;
  command: string;
}

export interface LockOptions {
  /** Wait for the owner to finish instead of failing with exit code 3. @default false */
  wait?: boolean;
  /** Poll interval while waiting. @default 200 */
  pollMs?: number;
  warn?: (message: string) => void;
  command?: string;
}

/**
 * One lock per workspace: an exclusively created file naming its owner. A lock left by a dead
 * process on this host is taken over with a warning; a takeover is itself guarded by an
 * exclusively created file, so two contenders cannot both take over. The owner is written to a
 * temp file first and hard-linked into place, so the lock file is never empty, even when the disk
 * is full or the process is killed while writing; a full or read-only disk is a StagingError.
 */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startTicks: processStartTicks(process.pid),
    since: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
    command: options.command ?? "staging",
  };
  try {
    await mkdir(dirname(path), { recursive: true });
    await removeDeadTemps(path);
  } catch (error) {
    throw translateFsError(error, { action: "take the workspace lock", path });
  }
  for (;;) {
    if (await tryCreate(path, me)) return () => release(path, me.token);
    const owner = await readOwner(path);
    if (owner === "gone") continue;
    if (owner === "unreadable" || (owner.host === me.host && !processAlive(owner.pid, owner.startTicks))) {
      if (await takeOver(path, owner, options)) continue;
    } else if (!options.wait) {
      throw lockedError(path, owner);
    }
    await sleep(options.pollMs ?? 200);
  }
}

async function tryCreate(path: string, me: LockOwner): Promise<boolean> {
  const tmp = `${path}.tmp-${process.pid}-${me.token}`;
  try {
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(JSON.stringify(me) + "\n");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(tmp, path).catch((error: NodeJS.ErrnoException) => {
      // A file system without hard links (vfat, some network ones): create, then write.
      if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes(error.code ?? "")) throw error;
      return createThenWrite(path, me);
    });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw translateFsError(error, { action: "take the workspace lock", path });
  } finally {
    await rm(tmp, { force: true }).catch(() => {});
  }
}

async function createThenWrite(path: string, me: LockOwner): Promise<void> {
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(JSON.stringify(me) + "\n");
    await handle.sync();
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  } finally {
    await handle.close();
  }
}

/** Temp files of lock owners that died between writing and linking them. */
async function removeDeadTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}.tmp-`;
  for (const name of await readdir(dirname(path))) {
    const pid = Number(name.startsWith(prefix) ? name.slice(prefix.length).split("-")[0] : NaN);
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid))
      await rm(join(dirname(path), name), { force: true });
  }
}

async function readOwner(path: string): Promise<LockOwner | "gone" | "unreadable"> {
  try {
    const owner = JSON.parse(await readFile(path, "utf8")) as LockOwner;
    return typeof owner.pid === "number" && typeof owner.token === "string" ? owner : "unreadable";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    // Older versions created the file, then wrote it: a crash in between left it empty.
    const age = await stat(path).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    return age > 5000 ? "unreadable" : "gone";
  }
}

async function takeOver(
  path: string,
  stale: LockOwner | "unreadable",
  options: LockOptions,
): Promise<boolean> {
  const guard = `${path}.takeover`;
  const age = await stat(guard).then(
    (s) => Date.now() - s.mtimeMs,
    () => undefined,
  );
  if (age !== undefined && age > 10_000) await rm(guard, { force: true });
  let handle;
  try {
    handle = await open(guard, "wx");
  } catch {
    return false;
  }
  try {
    const again = await readOwner(path);
    const same =
      stale === "unreadable"
        ? again === "unreadable"
        : again !== "gone" && again !== "unreadable" && again.token === stale.token;
    if (!same) return false;
    const who =
      stale === "unreadable"
        ? "an unreadable lock"
        : `the lock of dead process ${stale.pid} on ${stale.host}`;
    options.warn?.(`taking over ${who} (${path})`);
    await rm(path, { force: true });
    return true;
  } finally {
    await handle.close();
    await rm(guard, { force: true });
  }
}

async function release(path: string, token: string): Promise<void> {
  const owner = await readOwner(path);
  if (owner !== "gone" && owner !== "unreadable" && owner.token === token) await rm(path, { force: true });
}

function lockedError(path: string, owner: LockOwner): StagingError {
  return new StagingError("The workspace is locked by another staging process", {
    code: "E_LOCKED",
    exitCode: ExitCode.locked,
    facts: { lock: path, pid: owner.pid, host: owner.host, since: owner.since, command: owner.command },
    hint: "wait for it to finish, or pass --wait to queue behind it",
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Who holds the lock now, for commands that only read: a live owner means work in progress. */
export async function lockHolder(
  path: string,
): Promise<{ pid: number; command: string; alive: boolean } | undefined> {
  const owner = await readOwner(path);
  if (owner === "gone" || owner === "unreadable") return undefined;
  const alive = owner.host !== hostname() || processAlive(owner.pid, owner.startTicks);
  return { pid: owner.pid, command: owner.command, alive };
}
