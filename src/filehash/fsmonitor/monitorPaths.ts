import { createHash } from "node:crypto";
import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where the monitor of one workspace listens and keeps its cookies. */
export interface MonitorPaths {
  socket: string;
  cookieDir: string;
}

/**
 * A private folder of this user under the temp dir (a socket path must stay under ~100 bytes,
 * which a workspace path may not), one socket per `.staging` folder. Undefined when the folder
 * is not ours alone: then no monitor is used at all.
 */
export function monitorPaths(stagingDir: string): MonitorPaths | undefined {
  const uid = process.getuid?.() ?? 0;
  const dir = join(tmpdir(), `staging-fsmonitor-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  const id = createHash("sha256").update(stagingDir).digest("hex").slice(0, 16);
  return { socket: join(dir, `${id}.sock`), cookieDir: join(dir, `${id}.cookies`) };
}
