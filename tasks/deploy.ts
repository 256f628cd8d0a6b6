import type { ResolvedConfig } from "../src/config/StagingConfig.js";
import type { Deployment } from "../src/drivers/deploy/index.js";
import { defineTask } from "../src/engine/defineTask.js";
import type { DeployDrivers } from "../src/staging/deploy/DeployDrivers.js";
import { deployRecipe, deploySpec } from "../src/staging/deploy/deploySpec.js";
import { nodeIds, targetPool } from "../src/staging/graph/nodeIds.js";
import type { GraphTargets } from "../src/staging/graph/GraphTargets.js";
import { freshLog } from "../src/staging/images/buildLog.js";
import type { Workspace } from "../src/staging/workspace/index.js";
import { identityWith } from "../src/targets/probeTools.js";
import type { TargetIdentity } from "../src/targets/Target.js";
import { deployTools } from "../src/staging/deploy/deployTools.js";
import { imageTask } from "./image.js";

export interface DeployParams {
  slug: string;
  mode: string;
  workspace: Workspace;
  config: ResolvedConfig;
  targets: GraphTargets;
  drivers: DeployDrivers;
}

/** The machine the deployment runs on, with the versions of the tools it runs there. */
function runsOn(p: DeployParams): TargetIdentity {
  const { on, tools } = deployTools(p.config, p.mode);
  return identityWith(on === "local" ? p.targets.localIdentity : p.targets.targetIdentity, tools);
}

/**
 * `deploy:<version>:<mode>`: a running service for one version and mode. Up to date only while the
 * live check agrees: the process or container is alive and /health answers with the recorded build
 * fingerprint.
 */
export const deployTask = defineTask<DeployParams, Deployment, { slug: string; mode: string }>({
  name: "deploy",
  version: "1",
  id: (p) => nodeIds.deploy(p.slug, p.mode),
  deps: (p) => [nodeIds.image(p.slug, p.mode)],
  inputs: (p) => ({ values: { recipe: deployRecipe(p.config, p.mode), runsOn: runsOn(p) } }),
  pool: (p) => targetPool(p.targets.target.name),
  run: async (p, ctx) => {
    const image = ctx.get(imageTask.ref(p));
    const previous = ctx.previous?.output as Deployment | undefined;
    if (previous) await p.drivers.byKind(previous.driver).stop(previous);
    const logFile = await freshLog(p.workspace.stagingDir, ctx.id);
    await p.drivers.prepare(p.slug, p.mode, image);
    const spec = deploySpec(p.config, p.workspace, { slug: p.slug, mode: p.mode, image, logFile });
    return p.drivers.forImage(image, p.mode).start(spec, ctx.signal);
  },
  check: async (p, record) => p.drivers.byKind(record.output.driver).check(record.output),
});
