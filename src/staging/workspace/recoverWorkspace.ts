import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { rollForwardJournals } from "./journal.js";
import { isAlive, tempOwner } from "./tempPath.js";
import { tmpDir } from "./Workspace.js";
import type { Workspace } from "./Workspace.js";

/** What `recoverWorkspace` found and fixed. */
export interface RecoveryReport {
  /** Temp folders and files of dead processes that were removed. */
  removedTemps: string[];
  /** Interrupted multi-file changes that were completed. */
  journalsRolledForward: number;
}

/**
 * Finishes what a killed process left: removes its half-built temp folders (a version is only ever
 * visible after its folder is renamed into `versions/`) and rolls every pending journal forward.
 */
export async function recoverWorkspace(ws: Workspace): Promise<RecoveryReport> {
  const removedTemps = await removeDeadTemps(ws);
  const journalsRolledForward = await rollForwardJournals(ws);
  return { removedTemps, journalsRolledForward };
}

async function removeDeadTemps(ws: Workspace): Promise<string[]> {
  const dir = tmpDir(ws);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const removed: string[] = [];
  for (const name of names) {
    const owner = tempOwner(name);
    if (owner !== null && isAlive(owner)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
