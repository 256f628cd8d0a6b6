import { join } from "node:path";
import { defineTask } from "../src/engine/defineTask.js";
import { campaignDir, runFolder } from "../src/staging/campaign/CampaignPlan.js";
import type { CampaignWiring } from "../src/staging/campaign/CampaignWiring.js";
import type { ScheduledRound } from "../src/staging/campaign/schedule.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";
import { measureRound } from "../src/staging/measure/measureRound.js";
import type { RoundOutput } from "../src/staging/measure/RoundOutput.js";
import { imageTask } from "./image.js";

export interface RoundParams extends CampaignWiring {
  round: ScheduledRound;
}

/**
 * `round:<campaign>:<mode>:<n>`: both versions measured in one mode, fresh deployments, in the
 * schedule's order. Its images are made only if it has to run; it runs after the round before it.
 */
export const roundTask = defineTask<
  RoundParams,
  RoundOutput,
  { campaign: string; mode: string; round: number }
>({
  name: "round",
  version: "1",
  cost: "expensive",
  id: (p) => nodeIds.round(p.campaign, p.mode, p.round),
  idOf: (p) => ({ campaign: p.plan.id, mode: p.round.mode, round: p.round.round }),
  uses: (p) => [
    nodeIds.image(p.plan.identity.baseline, p.round.mode),
    nodeIds.image(p.plan.identity.candidate, p.round.mode),
    nodeIds.prepare(p.plan.id),
  ],
  after: (p) => {
    const before = p.plan.schedule[p.round.index - 2];
    return before ? [nodeIds.round(p.plan.id, before.mode, before.round)] : [];
  },
  inputs: (p) => ({ values: { campaign: p.plan.key, round: p.round } }),
  pool: (p) => p.pool,
  run: async (p, ctx) => {
    const { baseline, candidate } = p.plan.identity;
    const mode = p.round.mode;
    return measureRound({
      env: await p.measure(),
      plan: p.plan,
      round: p.round,
      images: {
        baseline: ctx.get(imageTask.ref({ slug: baseline, mode })),
        candidate: ctx.get(imageTask.ref({ slug: candidate, mode })),
      },
      runDir: (version) => join(p.workspace.root, campaignDir(p.plan.id), runFolder({ ...p.round, version })),
      logId: ctx.id,
      signal: ctx.signal,
      log: (line) => ctx.log(line),
    });
  },
});
