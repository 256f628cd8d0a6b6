import { defineTask } from "../src/engine/defineTask.js";
import type { TaskNode } from "../src/engine/TaskNode.js";
import type { CampaignPlan } from "../src/staging/campaign/CampaignPlan.js";
import type { CampaignRequest } from "../src/staging/campaign/CampaignRequest.js";
import { planCampaign, type PlanFacts } from "../src/staging/campaign/planCampaign.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";
import { fingerprintTask } from "./fingerprint.js";

export interface PlanParams {
  request: CampaignRequest;
  facts: Omit<PlanFacts, "fingerprints">;
  /** Declares the campaign's nodes once its plan is known (the planner's part). */
  declare: (plan: CampaignPlan) => readonly TaskNode[];
}

/**
 * `plan:<candidate>`: the campaign a request asks for, from the two versions' fingerprints, the
 * pinned benchmark and the target. Pure, so `status` and `graph` show a campaign before it runs.
 */
export const planTask = defineTask<PlanParams, CampaignPlan, { candidate: string }>({
  name: "plan",
  version: "1",
  pure: true,
  id: (p) => nodeIds.plan(p.candidate),
  idOf: (p) => ({ candidate: p.request.candidate }),
  deps: (p) => [nodeIds.fingerprint(p.facts.baseline), nodeIds.fingerprint(p.request.candidate)],
  inputs: (p) => ({ values: { request: p.request, facts: p.facts } }),
  run: async (p, ctx) =>
    planCampaign(p.request, {
      ...p.facts,
      fingerprints: {
        baseline: ctx.get(fingerprintTask.ref({ slug: p.facts.baseline })).snapshot_fingerprint,
        candidate: ctx.get(fingerprintTask.ref({ slug: p.request.candidate })).snapshot_fingerprint,
      },
    }),
  expand: (p, plan) => p.declare(plan),
});
