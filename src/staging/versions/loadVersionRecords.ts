import { readdirSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { StagingError, translateFsError } from "../../errors/index.js";
import type { Workspace } from "../workspace/Workspace.js";
import { checkSnapshotFolder } from "./checkSnapshotFolder.js";
import { readVersionFile } from "./readVersionFile.js";
import type { VersionRecord } from "./VersionEntry.js";

/**
 * Reads every `versions/<slug>/version.yaml`, sorted by slug. Hidden entries and plain files in
 * `versions/` are not versions; a folder without a readable version.yaml, or without a snapshot
 * folder it can list, is an error.
 */
export async function loadVersionRecords(ws: Workspace): Promise<VersionRecord[]> {
  const entries = listVersionFolders(ws);
  const records: VersionRecord[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const dir = join(ws.versionsDir, entry.name);
    if (!entry.isDirectory() && !(entry.isSymbolicLink() && linksToFolder(dir))) continue;
    const record = await readVersionFile(join(dir, "version.yaml"), entry.name);
    checkSnapshotFolder(dir, entry.name);
    records.push(record);
  }
  return records.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

function listVersionFolders(ws: Workspace): Dirent[] {
  try {
    return readdirSync(ws.versionsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw translateFsError(error, { action: "list the versions", path: ws.versionsDir, field: "versions" });
  }
}

function linksToFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Throws E_TWO_BASELINES, naming every baseline, when more than one version is `baseline`. */
export function assertSingleBaseline(records: readonly VersionRecord[]): void {
  const baselines = records.filter((r) => r.status === "baseline");
  if (baselines.length <= 1) return;
  const slugs = baselines.map((r) => r.slug);
  throw new StagingError(`Multiple baseline versions found: ${slugs.join(", ")}`, {
    code: "E_TWO_BASELINES",
    facts: {
      file: baselines.map((r) => r.file).join("\n"),
      field: "status",
      expected: "at most one version with status baseline",
      got: `${baselines.length} baselines: ${slugs.join(", ")}`,
    },
    hint: "set `status: archived-baseline` by hand in the version.yaml of every one that is not the baseline",
  });
}
