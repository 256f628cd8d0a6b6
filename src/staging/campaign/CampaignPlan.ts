import type { CampaignIdentity } from "./CampaignIdentity.js";
import type { ScheduledRound } from "./schedule.js";

/** A planned campaign: the output of its plan node, from which every other node of it is declared. */
export interface CampaignPlan {
  id: string;
  key: string;
  identity: CampaignIdentity;
  /** Every round up to the maximum, in the order they run; a campaign that decides early runs a prefix. */
  schedule: ScheduledRound[];
  /** The round counts at which the analysis looks; the last is the maximum. */
  looks: number[];
}

/** `campaigns/<id>`, relative to the workspace root. */
export function campaignDir(id: string): string {
  return `campaigns/${id}`;
}

/** `runs/run-NNN/<slug>__<mode>`: a version's measurement in a round, in the prototype's layout. */
export function runFolder(at: { round: number; version: string; mode: string }): string {
  return `runs/run-${String(at.round).padStart(3, "0")}/${at.version}__${at.mode}`;
}

/** The rounds of the schedule up to `rounds`. */
export function roundsUpTo(plan: CampaignPlan, rounds: number): ScheduledRound[] {
  return plan.schedule.filter((r) => r.round <= rounds);
}
