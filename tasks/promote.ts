import { defineTask } from "../src/engine/defineTask.js";
import { ExitCode, StagingError } from "../src/errors/index.js";
import type { CampaignPlan } from "../src/staging/campaign/CampaignPlan.js";
import { applyPromotion } from "../src/staging/versions/index.js";
import type { Workspace } from "../src/staging/workspace/index.js";
import type { ReportOutput } from "./report.js";

export interface PromoteParams {
  workspace: Workspace;
  plan: CampaignPlan;
  /** The statuses of the two versions now: a promotion already done is not redone. */
  statuses: { candidate: string; baseline: string };
  force: boolean;
}

/** What a promotion did. */
export interface PromoteOutput {
  promoted: string;
  archived: string;
  campaign: string;
  forced: boolean;
  overridden: string[];
}

/**
 * `promote:<candidate>`: the candidate becomes the baseline, the old baseline archived-baseline,
 * in one journaled change. A regression in a critical metric refuses it unless forced (recorded).
 */
export const promoteTask = defineTask<PromoteParams, PromoteOutput>({
  name: "promote",
  version: "1",
  id: (p) => `promote:${p.plan.identity.candidate}`,
  deps: (p) => [`report:${p.plan.id}`],
  inputs: (p) => ({ values: { campaign: p.plan.key, statuses: p.statuses, force: p.force } }),
  run: async (p, ctx) => {
    const report = ctx.upstream[`report:${p.plan.id}`] as ReportOutput;
    const regressions = report.regressions_in_critical.map(
      (r) =>
        `${r.mode} ${r.metric} ${r.delta_pct === null ? "" : `${r.delta_pct > 0 ? "+" : ""}${r.delta_pct.toFixed(1)}% `}(p ${r.p_adjusted.toFixed(3)})`,
    );
    if (regressions.length > 0 && !p.force) {
      throw new StagingError(
        `Promotion of ${p.plan.identity.candidate} refused: the campaign shows a regression in a critical metric`,
        {
          code: "E_PROMOTE_REGRESSION",
          exitCode: ExitCode.nodeFailed,
          facts: { campaign: p.plan.id, regressions: regressions.join("\n") },
          hint: "read the report; `staging promote <candidate> --force` overrides, and the override is recorded",
        },
      );
    }
    await applyPromotion(p.workspace, {
      candidate: p.plan.identity.candidate,
      campaignId: p.plan.id,
      now: new Date(),
      forced: p.force && regressions.length > 0,
    });
    return {
      promoted: p.plan.identity.candidate,
      archived: p.plan.identity.baseline,
      campaign: p.plan.id,
      forced: p.force && regressions.length > 0,
      overridden: p.force ? regressions : [],
    };
  },
});
