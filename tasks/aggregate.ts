import { defineTask } from "../src/engine/defineTask.js";
import type { Analysis } from "../src/staging/campaign/Analysis.js";
import type { CampaignWiring } from "../src/staging/campaign/CampaignWiring.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";
import { lookTask } from "./look.js";

/**
 * `aggregate:<campaign>`: the campaign's final analysis. It follows the looks in order and depends
 * on each one it reads, up to the first that decides: how a campaign grows by rounds.
 */
export const aggregateTask = defineTask<CampaignWiring, Analysis, { campaign: string }>({
  name: "aggregate",
  version: "2",
  pure: true,
  id: (p) => nodeIds.aggregate(p.campaign),
  idOf: (p) => ({ campaign: p.plan.id }),
  dynamicDeps: (p, read) => {
    for (const rounds of p.plan.looks) {
      if (read(lookTask.ref({ campaign: p.plan.id, rounds })).decided) return [];
    }
    return [];
  },
  inputs: () => ({}),
  run: async (p, ctx) => {
    const looks = p.plan.looks.flatMap((rounds) => {
      const id = nodeIds.look(p.plan.id, rounds);
      return id in ctx.upstream ? [ctx.get(lookTask.ref({ campaign: p.plan.id, rounds }))] : [];
    });
    return looks.find((l) => l.decided) ?? looks.at(-1)!;
  },
});
