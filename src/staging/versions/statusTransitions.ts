import { StagingError } from "../../errors/index.js";
import { MARKABLE_STATUSES, VERSION_STATUSES, isVersionStatus } from "./VersionStatus.js";
import type { VersionStatus } from "./VersionStatus.js";

/**
 * Throws E_STATUS_TRANSITION unless `staging mark` may move `slug` from `from` to `to`: only between
 * staging, candidate and rejected (a no-op when equal). Baselines are made by set-baseline and promotion
 * only, and baselines and archived baselines are never marked.
 */
export function checkMarkTransition(slug: string, from: VersionStatus, to: string): VersionStatus {
  const target = checkKnownStatus(to);
  if (MARKABLE_STATUSES.includes(target) && MARKABLE_STATUSES.includes(from)) return target;
  const reason = !MARKABLE_STATUSES.includes(target)
    ? `only promotion makes ${withArticle(target)}`
    : `${withArticle(from)} version keeps its status`;
  throw new StagingError(`Cannot mark "${slug}" ${target}: ${reason}`, {
    code: "E_STATUS_TRANSITION",
    facts: { field: "status", expected: markExpectation(from), got: `${from} -> ${target}` },
    hint: hintFor(from, target),
  });
}

/** Throws E_VERSION_STATUS, listing the valid statuses, for an unknown one. */
export function checkKnownStatus(status: string): VersionStatus {
  if (isVersionStatus(status)) return status;
  throw new StagingError(`Unknown status ${JSON.stringify(status)}`, {
    code: "E_VERSION_STATUS",
    facts: {
      field: "status",
      expected: `one of: ${VERSION_STATUSES.join(", ")}`,
      got: JSON.stringify(status),
    },
    hint: `staging mark <slug> ${MARKABLE_STATUSES.join("|")}`,
  });
}

function markExpectation(from: VersionStatus): string {
  if (!MARKABLE_STATUSES.includes(from)) return "no mark: the status changes only by promotion";
  return `one of: ${MARKABLE_STATUSES.join(", ")}`;
}

function hintFor(from: VersionStatus, to: VersionStatus): string {
  if (to === "baseline")
    return "promote a candidate with `staging promote <slug>`, or set the first baseline with `staging set-baseline <slug>`";
  if (from === "baseline") return "promote another candidate to replace this baseline";
  if (from === "archived-baseline")
    return "create a new version from it with `staging create-version <slug> --from version:<it>`";
  return "archived-baseline is set by promotion when a baseline is replaced";
}

/** `a baseline`, `an archived-baseline`: the article a status word takes in a sentence. */
function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;
}
