import { join } from "node:path";
import { defineTask } from "../src/engine/defineTask.js";
import { campaignDir } from "../src/staging/campaign/CampaignPlan.js";
import { prepareCampaignFolder, readCampaignJson } from "../src/staging/campaign/campaignFolder.js";
import type { CampaignWiring } from "../src/staging/campaign/CampaignWiring.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";

/** Where a campaign keeps its files, relative to the workspace. */
export interface PrepareOutput {
  dir: string;
}

/** `prepare:<campaign>`: the campaign folder, with the benchmark copy, campaign.json and schedule.json. */
export const prepareTask = defineTask<CampaignWiring, PrepareOutput, { campaign: string }>({
  name: "prepare",
  version: "1",
  id: (p) => nodeIds.prepare(p.campaign),
  idOf: (p) => ({ campaign: p.plan.id }),
  inputs: (p) => ({ values: { campaign: p.plan.key } }),
  run: async (p) => {
    await prepareCampaignFolder(p.workspace, p.plan, new Date());
    return { dir: campaignDir(p.plan.id) };
  },
  check: async (p) => {
    const json = await readCampaignJson(join(p.workspace.root, campaignDir(p.plan.id)));
    if (!json) return { ok: false, reason: "campaign.json is missing" };
    return json.key === p.plan.key
      ? { ok: true }
      : { ok: false, reason: "campaign.json belongs to another campaign" };
  },
});
