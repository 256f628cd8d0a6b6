import { nearestWord } from "../../text/editDistance.js";

/** Every field staging reads or writes in version.yaml (schemas/version.schema.json). */
export const VERSION_KEYS: readonly string[] = [
  "slug",
  "kind",
  "status",
  "parent",
  "created_at",
  "source_commit",
  "notes",
  "promoted_at",
  "promoted_by_campaign",
  "promotion_forced",
  "archived_at",
];

/** A key of version.yaml that staging does not know but that is close to one it does. */
export interface NearKey {
  key: string;
  suggestion: string;
}

/**
 * Unknown keys within 2 edits of a known one (`statsu` for `status`): likely typos. Other unknown
 * keys are someone's own fields and pass without a word; every unknown key is kept as written.
 */
export function nearKeys(fields: Readonly<Record<string, unknown>>): NearKey[] {
  return Object.keys(fields).flatMap((key) => {
    if (VERSION_KEYS.includes(key)) return [];
    const suggestion = nearestWord(key, VERSION_KEYS);
    return suggestion === undefined ? [] : [{ key, suggestion }];
  });
}

/** The warning lines for a version.yaml's near keys, as `file:line: ...`. */
export function versionKeyWarnings(
  file: string,
  fields: Readonly<Record<string, unknown>>,
  lineOf: (key: string) => number,
): string[] {
  return nearKeys(fields).map(
    ({ key, suggestion }) =>
      `${file}:${lineOf(key)}: \`${key}\` is not a field staging knows; did you mean \`${suggestion}\`? (kept as written)`,
  );
}
