import type { LoadedBenchmark } from "../benchmark/index.js";
import type { MeasureEnv } from "../measure/MeasureEnv.js";
import type { Workspace } from "../workspace/index.js";
import type { CampaignPlan } from "./CampaignPlan.js";

/** What the nodes of one planned campaign share: the workspace, the pinned benchmark, the instruments. */
export interface CampaignWiring {
  workspace: Workspace;
  plan: CampaignPlan;
  benchmark: LoadedBenchmark;
  /** Opened on the first round that runs: a campaign whose rounds are all recorded opens nothing. */
  measure: () => Promise<MeasureEnv>;
  /** The resource pool of the campaign's target. */
  pool: string;
}
