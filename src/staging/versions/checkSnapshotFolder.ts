import { opendir, stat } from "node:fs/promises";
import { join } from "node:path";
import { StagingError, translateFsError } from "../../errors/index.js";

/**
 * A version's `snapshot/` must be a folder this process can list. Missing or not a folder is
 * E_VERSION_INCOMPLETE; a symlink loop or a folder it may not read is the fs error in words
 * (E_FS_ELOOP, E_FS_EACCES), naming the path: refused up front, not found by a node later.
 */
export async function checkSnapshotFolder(versionDir: string, slug: string): Promise<void> {
  const path = join(versionDir, "snapshot");
  const action = `read the snapshot of "${slug}"`;
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw translateFsError(error, { action, path, field: "snapshot" });
  });
  if (info === null || !info.isDirectory()) throw incomplete(slug, path, info === null);
  try {
    await (await opendir(path)).close();
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
