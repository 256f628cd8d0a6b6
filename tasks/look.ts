import { defineTask } from "../src/engine/defineTask.js";
import type { Analysis } from "../src/staging/campaign/Analysis.js";
import { roundsUpTo } from "../src/staging/campaign/CampaignPlan.js";
import type { CampaignWiring } from "../src/staging/campaign/CampaignWiring.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";
import { analyseRounds } from "../src/staging/campaign/analyseRounds.js";
import type { RoundOutput } from "../src/staging/measure/RoundOutput.js";

export interface LookParams extends CampaignWiring {
  rounds: number;
}

/**
 * `look:<campaign>:<n>`: the analysis of the first n rounds, and whether they decide the campaign.
 * Pure: it reads only the rounds' records, so a resumed campaign takes the same decisions.
 */
export const lookTask = defineTask<LookParams, Analysis, { campaign: string; rounds: number }>({
  name: "look",
  version: "2",
  pure: true,
  id: (p) => nodeIds.look(p.campaign, p.rounds),
  idOf: (p) => ({ campaign: p.plan.id, rounds: p.rounds }),
  deps: (p) => roundsUpTo(p.plan, p.rounds).map((r) => nodeIds.round(p.plan.id, r.mode, r.round)),
  inputs: (p) => ({
    values: { metrics: p.benchmark.benchmark.metrics, looks: p.plan.looks, rounds: p.rounds },
  }),
  run: async (p, ctx) => {
    const rounds = Object.values(ctx.upstream) as RoundOutput[];
    return analyseRounds(p.plan, p.benchmark.benchmark, rounds, p.rounds);
  },
});
