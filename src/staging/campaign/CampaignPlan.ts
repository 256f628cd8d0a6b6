import type { CampaignIdentity } from "./CampaignIdentity.js";
import type { ScheduledRun } from "./schedule.js";

/** A prepared campaign: its folder exists with the benchmark copy, campaign.json and schedule.json. */
export interface CampaignPlan {
  id: string;
  key: string;
  /** Absolute `campaigns/<id>`. */
  dir: string;
  identity: CampaignIdentity;
  schedule: ScheduledRun[];
  /** When the campaign was first prepared: the only time stamp its report shows. */
  createdAt: string;
}

/** `runs/run-NNN/<slug>__<mode>`: a run's folder inside the campaign, in the prototype's layout. */
export function runFolder(run: Pick<ScheduledRun, "round" | "version" | "mode">): string {
  return `runs/run-${String(run.round).padStart(3, "0")}/${run.version}__${run.mode}`;
}
