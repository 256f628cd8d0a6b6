import type { Deployment } from "../src/drivers/deploy/index.js";
import { defineTask } from "../src/engine/defineTask.js";
import type { DeployEnv } from "../src/staging/deploy/DeployEnv.js";
import { freshLog } from "../src/staging/images/buildLog.js";
import type { ImageOutput } from "./image.js";

export interface DeployParams {
  slug: string;
  mode: string;
  env: DeployEnv;
}

/**
 * A running service for one version and mode. Up to date only while the live check agrees: the
 * process or container is alive and /health answers with the recorded build fingerprint.
 */
export const deployTask = defineTask<DeployParams, Deployment>({
  name: "deploy",
  version: "1",
  id: (p) => `deploy:${p.slug}:${p.mode}`,
  deps: (p) => [`image:${p.slug}:${p.mode}`],
  inputs: (p) => ({ values: { recipe: p.env.recipe(p.mode), target: p.env.targets.targetIdentity } }),
  pool: (p) => `target:${p.env.targets.target.name}`,
  run: async (p, ctx) => {
    const image = ctx.upstream[`image:${p.slug}:${p.mode}`] as ImageOutput;
    const previous = ctx.previous?.output as Deployment | undefined;
    if (previous) await p.env.byKind(previous.driver).stop(previous);
    const logFile = await freshLog(p.env.workspace.stagingDir, ctx.id);
    await p.env.prepareRemote(p.slug, p.mode, image);
    return p.env.driverFor(image, p.mode).start(p.env.spec(p.slug, p.mode, image, logFile), ctx.signal);
  },
  check: async (p, record) => p.env.byKind(record.output.driver).check(record.output),
});
