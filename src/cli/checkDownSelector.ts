import { StagingError } from "../errors/index.js";
import { checkSlugShape } from "../staging/versions/index.js";

/**
 * The selector of `staging down`: `<version>` or `<version>:<mode>`, checked before anything is
 * read or locked. A malformed slug is E_SLUG; a mode the config does not declare is E_USAGE naming
 * the modes. A well-formed version need not exist any more: its service may still run.
 */
export function checkDownSelector(selector: string, modes: readonly string[]): string {
  const colon = selector.indexOf(":");
  checkSlugShape(colon < 0 ? selector : selector.slice(0, colon), "selector");
  if (colon < 0) return selector;
  const mode = selector.slice(colon + 1);
  if (modes.includes(mode)) return selector;
  throw new StagingError(`Unknown mode ${JSON.stringify(mode)} in the selector of down`, {
    code: "E_USAGE",
    facts: {
      field: "selector",
      expected: `<version> or <version>:<mode>, mode one of: ${modes.join(", ") || "(none)"}`,
      got: JSON.stringify(selector),
    },
    hint: "`staging status` lists what is running",
  });
}
