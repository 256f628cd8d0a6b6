import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { StagingError } from "../../errors/index.js";
import { syncDir } from "../../fsutil/atomicWrite.js";
import { writeFileAtomic } from "./atomicWrite.js";
import { journalDir } from "./Workspace.js";
import type { Workspace } from "./Workspace.js";

/** One file of a journaled change: its path relative to the workspace root and its complete new content. */
export interface JournalWrite {
  path: string;
  content: string;
}

interface JournalFile {
  format: 1;
  change: string;
  writes: JournalWrite[];
}

/**
 * Writes several files as one change: the journal (every new content) is made durable first, then each
 * file is replaced atomically, then the journal is deleted. A crash at any point is completed by the next
 * `openWorkspace`, which rolls every leftover journal forward.
 */
export async function writeJournaled(ws: Workspace, change: string, writes: JournalWrite[]): Promise<void> {
  for (const write of writes) checkJournalPath(write.path, change);
  const dir = journalDir(ws);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${process.pid}-${Date.now()}-${randomBytes(4).toString("hex")}.json`);
  const body: JournalFile = { format: 1, change, writes };
  await writeFileAtomic(ws, file, JSON.stringify(body, null, 2) + "\n");
  await applyJournal(ws, file, body);
}

/** Completes every change a crashed process left in `.staging/journal`, oldest first. Returns how many. */
export async function rollForwardJournals(ws: Workspace): Promise<number> {
  const dir = journalDir(ws);
  const names = (await readdir(dir).catch(ignoreMissing)).filter((n) => n.endsWith(".json")).sort(byAge);
  for (const name of names) {
    const file = join(dir, name);
    await applyJournal(ws, file, await readJournal(file));
  }
  return names.length;
}

async function applyJournal(ws: Workspace, file: string, body: JournalFile): Promise<void> {
  for (const write of body.writes) {
    const target = join(ws.root, write.path);
    // A version folder removed by hand since the crash has nothing left to complete.
    if (!(await stat(dirname(target)).catch(() => null))) continue;
    await writeFileAtomic(ws, target, write.content);
  }
  await rm(file, { force: true });
  await syncDir(dirname(file));
}

async function readJournal(file: string): Promise<JournalFile> {
  try {
    const body = JSON.parse(await readFile(file, "utf8")) as JournalFile;
    if (body.format !== 1 || !Array.isArray(body.writes)) throw new Error("unknown journal format");
    for (const write of body.writes) {
      if (typeof write.content !== "string") throw new Error("write without content");
      checkJournalPath(write.path, body.change);
    }
    return body;
  } catch (error) {
    throw new StagingError("Unreadable journal of an interrupted change", {
      code: "E_JOURNAL_CORRUPT",
      facts: { file, got: error instanceof Error ? error.message : String(error) },
      hint: "the workspace is left as it is: inspect the journal, fix the files it names by hand, then delete it",
      cause: error,
    });
  }
}

function checkJournalPath(path: unknown, change: string): void {
  const ok =
    typeof path === "string" &&
    !isAbsolute(path) &&
    normalize(path) === path &&
    path.startsWith(`versions${sep}`) &&
    !path.split(sep).includes("..");
  if (!ok) throw new Error(`journal of "${change}" names a path outside versions/: ${String(path)}`);
}

function byAge(a: string, b: string): number {
  const time = (name: string): number => Number(name.split("-")[1] ?? 0);
  return time(a) - time(b) || a.localeCompare(b);
}

function ignoreMissing(error: unknown): string[] {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
  throw error;
}
