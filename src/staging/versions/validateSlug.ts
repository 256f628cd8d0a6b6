import { StagingError } from "../../errors/index.js";

/** Words a slug may not be: command-line selectors, statuses and folder names of the workspace. */
export const RESERVED_SLUGS: readonly string[] = [
  "all",
  "archived-baseline",
  "baseline",
  "benchmark",
  "campaign",
  "campaigns",
  "candidate",
  "images",
  "none",
  "rejected",
  "snapshot",
  "staging",
  "tmp",
  "version",
  "versions",
];

/** The slug rule, as printed in errors. */
export const SLUG_RULE =
  "1 to 63 characters: lowercase letters, digits and dashes, starting with a letter or digit, not a reserved word";

const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Returns `slug` when a new version may take it (SLUG_RULE); otherwise throws E_SLUG or E_SLUG_RESERVED. */
export function validateSlug(slug: string, field = "slug"): string {
  checkSlugShape(slug, field);
  if (RESERVED_SLUGS.includes(slug)) {
    throw new StagingError(`Invalid version slug "${slug}": it is a reserved word`, {
      code: "E_SLUG_RESERVED",
      facts: { field, expected: `not one of: ${RESERVED_SLUGS.join(", ")}`, got: JSON.stringify(slug) },
      hint: `add a word to it, e.g. ${slug}-1`,
    });
  }
  return slug;
}

/**
 * Returns `slug` when it has the shape of a slug (so it is safe as a folder name); throws E_SLUG
 * otherwise. For naming versions that exist: reserved words are refused only for new versions, so a
 * workspace that already has a version called e.g. `baseline` keeps working.
 */
export function checkSlugShape(slug: string, field = "slug"): string {
  if (typeof slug === "string" && SLUG_PATTERN.test(slug)) return slug;
  throw new StagingError(`Invalid version slug ${JSON.stringify(slug)}: use ${SLUG_RULE}`, {
    code: "E_SLUG",
    facts: { field, expected: SLUG_RULE, got: JSON.stringify(slug) },
    hint: "for example: cp-java-g1-tuning or rust-port-2",
  });
}
