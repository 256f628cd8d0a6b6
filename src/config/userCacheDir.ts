import { lstatSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The folder for this user's caches (compiled configs, tool versions): `STAGING_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/staging`, else `~/.cache/staging`; made with mode 0700. Undefined when it cannot
 * be made, or is not a private folder of this user's (a cache of code that others could write to
 * would run their code): callers then work without a cache.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir =
    env.STAGING_CACHE_DIR || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "staging");
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    const mine = process.getuid === undefined || st.uid === process.getuid();
    return st.isDirectory() && mine && (st.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}
