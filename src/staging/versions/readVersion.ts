import { StagingError } from "../../errors/index.js";
import type { Workspace } from "../workspace/Workspace.js";
import { listVersions } from "./listVersions.js";
import { checkSlugShape } from "./validateSlug.js";
import type { VersionEntry } from "./VersionEntry.js";

/** One version by slug; throws E_SLUG for a malformed slug and E_VERSION_NOT_FOUND when absent. */
export async function readVersion(ws: Workspace, slug: string): Promise<VersionEntry> {
  return pickVersion(await listVersions(ws), checkSlugShape(slug), ws);
}

/** Picks `slug` from an already loaded list; throws E_VERSION_NOT_FOUND listing the known slugs. */
export function pickVersion(versions: readonly VersionEntry[], slug: string, ws: Workspace): VersionEntry {
  const found = versions.find((v) => v.slug === slug);
  if (found) return found;
  const known = versions.map((v) => v.slug).join(", ") || "(none)";
  throw new StagingError(`Version "${slug}" not found`, {
    code: "E_VERSION_NOT_FOUND",
    facts: { file: ws.versionsDir, field: "slug", expected: `one of: ${known}`, got: slug },
    hint: "`staging versions` lists the versions of this workspace",
  });
}
