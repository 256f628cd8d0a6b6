import { StagingError } from "../../errors/index.js";
import {
  campaignKey,
  defaultCampaignId,
  validateCampaignId,
  type CampaignIdentity,
} from "./CampaignIdentity.js";
import { MAX_ROUNDS } from "../report/index.js";
import type { CampaignPlan } from "./CampaignPlan.js";
import type { CampaignRequest } from "./CampaignRequest.js";
import { buildSchedule, planLooks } from "./schedule.js";

/** What a plan is made from besides the request: facts the plan node reads from its inputs. */
export interface PlanFacts {
  baseline: string;
  fingerprints: { baseline: string; candidate: string };
  benchmarkHash: string;
  modes: string[];
  /** The benchmark's rounds: fixed, or a range a sequential campaign moves in. */
  runs: { min: number; max: number } | number;
  target: CampaignIdentity["target"];
  recipes: string;
}

/**
 * A campaign's plan, pure: its identity (and so its id), its schedule of rounds up to the most it
 * may run, and the rounds at which the analysis looks. A fixed campaign has one look, at the end.
 */
export function planCampaign(request: CampaignRequest, facts: PlanFacts): CampaignPlan {
  const rounds = roundsOf(request, facts.runs);
  const identity: CampaignIdentity = {
    candidate: request.candidate,
    baseline: facts.baseline,
    candidate_fingerprint: facts.fingerprints.candidate,
    baseline_fingerprint: facts.fingerprints.baseline,
    benchmark_pinned_hash: facts.benchmarkHash,
    modes: facts.modes,
    target: facts.target,
    rounds,
    seed: request.seed ?? 1,
    recipes: facts.recipes,
  };
  const id = validateCampaignId(request.campaignId ?? defaultCampaignId(identity));
  return {
    id,
    key: campaignKey(identity),
    identity,
    schedule: buildSchedule(identity.modes, rounds.max, identity.seed),
    looks: rounds.min === rounds.max ? [rounds.max] : planLooks(rounds.min, rounds.max),
  };
}

function roundsOf(request: CampaignRequest, runs: PlanFacts["runs"]): { min: number; max: number } {
  const base = typeof runs === "number" ? { min: runs, max: runs } : runs;
  const min = request.runs ?? base.min;
  const sequential = request.untilDecided === true || (request.runs === undefined && base.max > base.min);
  const max = !sequential ? min : (request.maxRuns ?? (base.max > min ? base.max : 3 * min));
  if (max < min || max > MAX_ROUNDS) {
    throw new StagingError("The campaign's rounds are out of range", {
      code: "E_USAGE",
      facts: { field: "--max-runs", expected: `between the rounds (${min}) and ${MAX_ROUNDS}`, got: max },
    });
  }
  return { min, max };
}
