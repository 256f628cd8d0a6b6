import { defineTask } from "../src/engine/defineTask.js";
import { campaignDir } from "../src/staging/campaign/CampaignPlan.js";
import type { ReportOutput } from "../src/staging/campaign/ReportOutput.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";
import { planTask } from "./plan.js";
import { reportTask } from "./report.js";

/** What `make campaign:<candidate>` made: the campaign, where it is, and its report. */
export interface CampaignOutput {
  campaign: string;
  /** Relative to the workspace. */
  dir: string;
  report: ReportOutput;
}

/**
 * `campaign:<candidate>`: everything the candidate's campaign report needs. Which campaign that
 * is depends on the plan's output, so the report is a dynamic dependency.
 */
export const campaignTask = defineTask<{ candidate: string }, CampaignOutput>({
  name: "campaign",
  version: "1",
  pure: true,
  id: (p) => nodeIds.campaign(p.candidate),
  deps: (p) => [nodeIds.plan(p.candidate)],
  dynamicDeps: (p, read) => [nodeIds.report(read(planTask.ref(p)).id)],
  inputs: () => ({}),
  run: async (p, ctx) => {
    const plan = ctx.get(planTask.ref(p));
    return {
      campaign: plan.id,
      dir: campaignDir(plan.id),
      report: ctx.get(reportTask.ref({ campaign: plan.id })),
    };
  },
});
