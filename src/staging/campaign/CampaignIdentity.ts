import { canonicalJson, sha256Hex } from "../../engine/hashing.js";
import { StagingError } from "../../errors/index.js";

/** What makes a campaign this campaign: change any of it and it is another campaign. */
export interface CampaignIdentity {
  candidate: string;
  baseline: string;
  candidate_fingerprint: string;
  baseline_fingerprint: string;
  /** The benchmark's pinned hash (normalized content and referenced files). */
  benchmark_pinned_hash: string;
  modes: string[];
  /** The target's identity without its tool list. */
  target: { kind: string; id: string; os: string; arch: string };
  /** The fewest and the most rounds: equal for a fixed campaign. */
  rounds: { min: number; max: number };
  seed: number;
  /** Digest of the modes' build and deploy recipes: another recipe measures another thing. */
  recipes: string;
}

export function campaignKey(identity: CampaignIdentity): string {
  return sha256Hex(canonicalJson(identity));
}

/** `<candidate>-vs-<baseline>-<8 hex>`: readable, and stable for the same inputs. */
export function defaultCampaignId(identity: CampaignIdentity): string {
  return `${identity.candidate}-vs-${identity.baseline}-${campaignKey(identity).slice(0, 8)}`;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,150}$/;

/** Campaign ids name folders: lowercase letters, digits, `.`, `_`, `-`, no path tricks. */
export function validateCampaignId(id: string): string {
  if (ID.test(id) && !id.includes("..")) return id;
  throw new StagingError(`Invalid campaign id ${JSON.stringify(id)}`, {
    code: "E_CAMPAIGN_ID",
    facts: {
      field: "--campaign-id",
      expected: "lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
      got: JSON.stringify(id),
    },
  });
}
