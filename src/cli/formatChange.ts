import type { ManifestChange } from "../engine/diffManifests.js";

/**
 * One line of `explain`: what changed, old -> new. Digests are cut to 12 characters; words in
 * parentheses (`(will change: upstream stale)`, `(absent)`) are shown whole.
 */
export function formatChange(c: ManifestChange): string {
  const what =
    c.kind === "file"
      ? `file ${c.name}/${c.path}`
      : c.kind === "task-version"
        ? "task version"
        : `${c.kind} ${c.name}`;
  return `${what}: ${shortValue(c.old)} -> ${shortValue(c.new)}`;
}

function shortValue(v: string | null | undefined): string {
  if (v === undefined) return "(absent)";
  if (v === null) return "(unset)";
  if (v.startsWith("(") || v.length <= 16) return v;
  return v.slice(0, 12);
}
