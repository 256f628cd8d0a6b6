import type { ResolvedConfig } from "../config/StagingConfig.js";
import type { LoadedBenchmark } from "../staging/benchmark/index.js";
import type { CampaignRequest } from "../staging/campaign/CampaignRequest.js";
import type { DeployDrivers } from "../staging/deploy/DeployDrivers.js";
import type { GraphTargets } from "../staging/graph/GraphTargets.js";
import type { MeasureEnv } from "../staging/measure/MeasureEnv.js";
import type { VersionEntry } from "../staging/versions/index.js";
import type { Workspace } from "../staging/workspace/index.js";

/** What the planner builds the graph from: the workspace as found on disk, the config, the wiring. */
export interface PlannerInputs {
  workspace: Workspace;
  config: ResolvedConfig;
  versions: readonly VersionEntry[];
  /** Where nodes with effects run; without it the graph holds fingerprints only. */
  targets?: GraphTargets;
  drivers?: DeployDrivers;
  /** The pinned benchmark; without it no campaign is planned. */
  benchmark?: LoadedBenchmark;
  /**
   * The campaigns to plan, one per candidate. Candidates (status `candidate`) not named here get
   * the benchmark's defaults, so `status` and `graph` show their campaigns.
   */
  campaigns?: readonly CampaignRequest[];
  /** Opens the instruments of a measured run: only when a round runs. */
  measure?: () => Promise<MeasureEnv>;
  /** Force flag of the promote nodes. @default false */
  forcePromote?: boolean;
}
