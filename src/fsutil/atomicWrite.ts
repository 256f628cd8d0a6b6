import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { translateFsError } from "../errors/index.js";

export interface AtomicWriteOptions {
  /** Mode of a new file; an existing file keeps its own. @default 0o644 */
  mode?: number;
  /**
   * The temp file, on the same file system as `path`. @default a fresh name in the folder of `path`.
   * Workspace files use one under `.staging/tmp`, so a crash never leaves a stray file in a version.
   */
  temp?: string;
}

/**
 * Writes a file so that a crash leaves either the old content or the new one: a temp file is
 * written and fsynced, renamed over `path`, and the folder fsynced. A full or read-only disk
 * (or another fs error a user can fix) is a StagingError naming `path`; the old content stays.
 */
export async function atomicWrite(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  try {
    await writeThenRename(path, content, options);
  } catch (error) {
    throw translateFsError(error, { action: `write ${path}`, path });
  }
}

async function writeThenRename(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp =
    options.temp ?? join(dir, `${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const existing = await stat(path).catch(() => null);
  const mode = existing ? existing.mode & 0o7777 : (options.mode ?? 0o644);
  try {
    await writeAndSync(tmp, content, mode);
    // The umask may have narrowed the mode the file was opened with.
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** Writes `content` to a new file (refusing an existing one) and fsyncs it. */
export async function writeAndSync(file: string, content: string | Uint8Array, mode = 0o644): Promise<void> {
  const handle = await open(file, "wx", mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync of a folder makes a rename or unlink inside it durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
