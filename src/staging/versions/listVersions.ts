import type { Workspace } from "../workspace/Workspace.js";
import { assertSingleBaseline, loadVersionRecords } from "./loadVersionRecords.js";
import type { ParentOrigin, VersionEntry, VersionRecord } from "./VersionEntry.js";

/**
 * Every version of the workspace, sorted by slug, with parents resolved. Throws E_TWO_BASELINES when the
 * workspace has more than one baseline, and the read errors of `readVersionFile`.
 */
export async function listVersions(ws: Workspace): Promise<VersionEntry[]> {
  const records = await loadVersionRecords(ws);
  assertSingleBaseline(records);
  const present = new Set(records.map((r) => r.slug));
  return records.map((r) => resolveParent(r, present));
}

/** Resolves `record.parent` against the slugs present in the workspace. */
export function resolveParent(record: VersionRecord, present: ReadonlySet<string>): VersionEntry {
  const { parentSlug, origin } = parentOrigin(record.parent, present);
  return { ...record, parentSlug, origin };
}

function parentOrigin(
  parent: string,
  present: ReadonlySet<string>,
): { parentSlug: string | null; origin: ParentOrigin } {
  if (parent === "none") return { parentSlug: null, origin: "none" };
  if (!parent.startsWith("version:")) return { parentSlug: null, origin: "opaque" };
  const slug = parent.slice("version:".length);
  return present.has(slug)
    ? { parentSlug: slug, origin: "version" }
    : { parentSlug: null, origin: "outside" };
}
