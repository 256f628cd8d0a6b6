import type { VersionEntry } from "./VersionEntry.js";

/** A version's ancestry inside the workspace and where it ends. */
export interface Lineage {
  /** Slugs from the version itself up to its oldest ancestor present in the workspace. */
  slugs: string[];
  /** `parent` of the oldest one, as written (`none`, `version:<absent>`, `decompiled:...`), or `cycle`. */
  origin: string;
}

/** Follows `parent: version:<slug>` links from `slug` while the parents are in `versions` (an absent `slug` has no chain). */
export function lineageOf(versions: readonly VersionEntry[], slug: string): Lineage {
  const bySlug = new Map(versions.map((v) => [v.slug, v]));
  const slugs: string[] = [];
  let current = bySlug.get(slug);
  while (current) {
    if (slugs.includes(current.slug)) return { slugs, origin: "cycle" };
    slugs.push(current.slug);
    if (current.parentSlug === null) return { slugs, origin: current.parent };
    current = bySlug.get(current.parentSlug);
  }
  return { slugs, origin: `version:${slug}` };
}
