import { StagingError } from "../../errors/index.js";
import { checkSlugShape } from "./validateSlug.js";

/** What a new version's snapshot is copied from. */
export type FromSpec = "baseline" | "none" | { version: string };

/** Parses `--from baseline|version:<slug>|none`; throws E_FROM otherwise. */
export function parseFromSpec(text: string): FromSpec {
  if (text === "baseline" || text === "none") return text;
  if (text.startsWith("version:")) return { version: checkSlugShape(text.slice("version:".length), "from") };
  throw new StagingError(`Invalid --from ${JSON.stringify(text)}`, {
    code: "E_FROM",
    facts: { field: "from", expected: "baseline, version:<slug> or none", got: JSON.stringify(text) },
    hint: "for example: --from baseline",
  });
}
