import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { hostname } from "node:os";
import { ExitCode, StagingError } from "../errors/index.js";
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
 * exclusively created file, so two contenders cannot both take over.
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
  await mkdir(dirname(path), { recursive: true });
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
  try {
    const handle = await open(path, "wx");
    try {
      await handle.writeFile(JSON.stringify(me) + "\n");
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function readOwner(path: string): Promise<LockOwner | "gone" | "unreadable"> {
  try {
    const owner = JSON.parse(await readFile(path, "utf8")) as LockOwner;
    return typeof owner.pid === "number" && typeof owner.token === "string" ? owner : "unreadable";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    // A crash between creating the file and writing it leaves it empty: stale once it is old.
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
