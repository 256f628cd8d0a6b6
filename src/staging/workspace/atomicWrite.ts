import { chmod, open, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { makeTempPath } from "./tempPath.js";
import type { Workspace } from "./Workspace.js";
import { syncDir } from "../../host/atomicWrite.js";

/**
 * Replaces `file` with `content` atomically: a temp file under `.staging/tmp` is written, fsynced and
 * renamed over `file`, then the folder is fsynced. A crash leaves the old or the new content, never a mix.
 * An existing file keeps its mode.
 */
export async function writeFileAtomic(ws: Workspace, file: string, content: string): Promise<void> {
  const temp = await makeTempPath(ws, "write");
  const mode = ((await stat(file).catch(() => null))?.mode ?? 0o644) & 0o7777;
  try {
    await writeAndSync(temp, content, mode);
    await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDir(dirname(file));
}

/** Writes `content` to a new file and fsyncs it. */
export async function writeAndSync(file: string, content: string, mode = 0o644): Promise<void> {
  const handle = await open(file, "wx", mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Fsyncs a folder so a rename or unlink inside it is durable. */
export const fsyncDir = syncDir;
