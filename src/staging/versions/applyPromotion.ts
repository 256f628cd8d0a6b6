import { relative } from "node:path";
import { StagingError } from "../../errors/index.js";
import { writeJournaled } from "../workspace/journal.js";
import type { Workspace } from "../workspace/Workspace.js";
import { formatTimestamp } from "./formatTimestamp.js";
import { listVersions } from "./listVersions.js";
import { pickVersion } from "./readVersion.js";
import { checkSlugShape } from "./validateSlug.js";
import type { VersionEntry } from "./VersionEntry.js";
import { updateVersionYaml } from "./versionYaml.js";

/** What `applyPromotion` changes. */
export interface PromotionOptions {
  /** The version to promote; its status must be `candidate`. */
  candidate: string;
  /** Written as `promoted_by_campaign`. */
  campaignId: string;
  now: Date;
  /** The caller overrode a regression verdict; recorded as `promotion_forced: true`. */
  forced: boolean;
}

/** The two versions a promotion rewrote, as they are now. */
export interface PromotionResult {
  baseline: VersionEntry;
  archived: VersionEntry;
}

/**
 * Makes `candidate` the baseline and the current baseline `archived-baseline`, as one journaled change:
 * a crash at any point is completed by the next `openWorkspace`, so the workspace always has exactly one
 * baseline. The decision (regressions, `--force`) belongs to the caller.
 */
export async function applyPromotion(ws: Workspace, options: PromotionOptions): Promise<PromotionResult> {
  const slug = checkSlugShape(options.candidate, "candidate");
  const campaignId = checkCampaignId(options.campaignId);
  const versions = await listVersions(ws);
  const candidate = pickVersion(versions, slug, ws);
  if (candidate.status !== "candidate") throw notCandidate(candidate);
  const old = versions.find((v) => v.status === "baseline");
  if (!old) throw noBaseline(ws);
  const at = formatTimestamp(options.now);
  const promoted = { status: "baseline", promoted_by_campaign: campaignId, promoted_at: at };
  const newBaseline = updateVersionYaml(
    candidate.text,
    options.forced ? { ...promoted, promotion_forced: true } : promoted,
  );
  const archived = updateVersionYaml(old.text, { status: "archived-baseline", archived_at: at });
  await writeJournaled(ws, `promote ${slug} (campaign ${campaignId})`, [
    { path: relative(ws.root, candidate.file), content: newBaseline },
    { path: relative(ws.root, old.file), content: archived },
  ]);
  const after = await listVersions(ws);
  return { baseline: pickVersion(after, slug, ws), archived: pickVersion(after, old.slug, ws) };
}

function checkCampaignId(id: string): string {
  if (typeof id === "string" && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(id)) return id;
  throw new StagingError(`Invalid campaign id ${JSON.stringify(id)}`, {
    code: "E_CAMPAIGN_ID",
    facts: {
      field: "campaign-id",
      expected: "1 to 128 letters, digits, dots, dashes, underscores or colons",
      got: JSON.stringify(id),
    },
  });
}

function notCandidate(version: VersionEntry): StagingError {
  return new StagingError(`Cannot promote "${version.slug}": it is ${version.status}, not candidate`, {
    code: "E_STATUS_TRANSITION",
    facts: {
      file: version.file,
      field: "status",
      expected: "candidate",
      got: `${version.status} -> baseline`,
    },
    hint:
      version.status === "baseline"
        ? "it is already the baseline"
        : `mark it first: staging mark ${version.slug} candidate`,
  });
}

function noBaseline(ws: Workspace): StagingError {
  return new StagingError("No baseline version found", {
    code: "E_NO_BASELINE",
    facts: { file: ws.versionsDir, field: "status", expected: "a version with status baseline", got: "none" },
    hint: "set the first one with `staging set-baseline <slug>`",
  });
}
