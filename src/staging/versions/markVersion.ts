import type { Workspace } from "../workspace/Workspace.js";
import { writeFileAtomic } from "../workspace/atomicWrite.js";
import { listVersions, resolveParent } from "./listVersions.js";
import { readVersionFile } from "./readVersionFile.js";
import { pickVersion } from "./readVersion.js";
import { checkKnownStatus, checkMarkTransition } from "./statusTransitions.js";
import { checkSlugShape } from "./validateSlug.js";
import type { VersionEntry } from "./VersionEntry.js";
import { updateVersionYaml } from "./versionYaml.js";

/**
 * `staging mark <slug> candidate|rejected|staging`: rewrites `status` in version.yaml atomically,
 * keeping every other field and comment. Marking a version with the status it has changes nothing.
 */
export async function markVersion(ws: Workspace, slug: string, status: string): Promise<VersionEntry> {
  checkSlugShape(slug);
  checkKnownStatus(status);
  const versions = await listVersions(ws);
  const version = pickVersion(versions, slug, ws);
  const target = checkMarkTransition(version.slug, version.status, status);
  if (target === version.status) return version;
  await writeFileAtomic(ws, version.file, updateVersionYaml(version.text, { status: target }));
  const record = await readVersionFile(version.file, version.slug);
  return resolveParent(record, new Set(versions.map((v) => v.slug)));
}
