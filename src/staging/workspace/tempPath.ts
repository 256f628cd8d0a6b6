import { processAlive } from "../../fsutil/processAlive.js";
import { mkdir } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { tmpDir } from "./Workspace.js";
import type { Workspace } from "./Workspace.js";

/**
 * A fresh path under `<ws>/.staging/tmp` named `<purpose>-<pid>-<random>`: the pid lets the next open
 * remove what a dead process left behind without touching the work of a live one.
 */
export async function makeTempPath(ws: Workspace, purpose: string): Promise<string> {
  const dir = tmpDir(ws);
  await mkdir(dir, { recursive: true });
  return join(dir, `${purpose}-${process.pid}-${randomBytes(6).toString("hex")}`);
}

/** The pid a temp entry was made by, or null when the name is not one of ours. */
export function tempOwner(name: string): number | null {
  const match = /^[a-z]+-(\d+)-[0-9a-f]{12}$/.exec(name);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** True when `pid` names a live process (a process of another user counts as live). */
export function isAlive(pid: number): boolean {
  return pid === process.pid || processAlive(pid);
}
