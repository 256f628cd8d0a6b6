import { accessSync, constants, statSync } from "node:fs";
import { join } from "node:path";
import { StagingError, translateFsError } from "../../errors/index.js";

/**
 * A version's `snapshot/` must be a folder this process can list. Missing or not a folder is
 * E_VERSION_INCOMPLETE; a symlink loop or a folder it may not read is the fs error in words
 * (E_FS_ELOOP, E_FS_EACCES), naming the path: refused up front, not found by a node later.
 * Synchronous: every command checks every version, and three round trips through the thread pool
 * per version were most of the time a 10,000-version workspace took to list.
 */
export function checkSnapshotFolder(versionDir: string, slug: string): void {
  const path = join(versionDir, "snapshot");
  const action = `read the snapshot of "${slug}"`;
  let info: ReturnType<typeof statSync> | null;
  try {
    info = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw translateFsError(error, { action, path, field: "snapshot" });
    info = null;
  }
  if (info === null || !info.isDirectory()) throw incomplete(slug, path, info === null);
  try {
    // One syscall, where opening and closing a listing took two and an object.
    accessSync(path, constants.R_OK | constants.X_OK);
  } catch (error) {
    throw translateFsError(error, { action, path, field: "snapshot" });
  }
}

function incomplete(slug: string, path: string, missing: boolean): StagingError {
  const what = missing ? "has no snapshot/ folder" : "has a snapshot that is not a folder";
  return new StagingError(`Version folder "${slug}" ${what}`, {
    code: "E_VERSION_INCOMPLETE",
    facts: {
      file: path,
      field: "snapshot",
      expected: "a folder (possibly empty) holding the service's source",
      got: missing ? "(missing)" : "a file",
    },
    hint: "restore the snapshot folder, or remove the version folder",
  });
}
