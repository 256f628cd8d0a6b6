import { defineTask } from "../src/engine/defineTask.js";
import { ExitCode, StagingError } from "../src/errors/index.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";
import type { CriticalFinding } from "../src/staging/report/index.js";
import { applyPromotion } from "../src/staging/versions/index.js";
import type { Workspace } from "../src/staging/workspace/index.js";
import { campaignTask } from "./campaign.js";
import { planTask } from "./plan.js";

export interface PromoteParams {
  candidate: string;
  workspace: Workspace;
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
export const promoteTask = defineTask<PromoteParams, PromoteOutput, { candidate: string }>({
  name: "promote",
  version: "3",
  id: (p) => nodeIds.promote(p.candidate),
  deps: (p) => [nodeIds.campaign(p.candidate), nodeIds.plan(p.candidate)],
  inputs: (p) => ({ values: { statuses: p.statuses, force: p.force } }),
  run: async (p, ctx) => {
    const { campaign, report } = ctx.get(campaignTask.ref(p));
    const plan = ctx.get(planTask.ref(p));
    const describe = (r: CriticalFinding) =>
      `${r.mode} ${r.metric} ${r.delta_pct === null ? "" : `${r.delta_pct > 0 ? "+" : ""}${r.delta_pct.toFixed(1)}% `}(p ${r.p_adjusted === null ? "n/a" : r.p_adjusted.toFixed(3)})`;
    const regressions = report.regressions_in_critical.map(describe);
    const undecided = (report.inconclusive_critical ?? []).map(describe);
    if ((regressions.length > 0 || undecided.length > 0) && !p.force) {
      throw new StagingError(
        regressions.length > 0
          ? `Promotion of ${p.candidate} refused: the campaign shows a regression in a critical metric`
          : `Promotion of ${p.candidate} refused: the campaign did not decide every critical metric`,
        {
          code: regressions.length > 0 ? "E_PROMOTE_REGRESSION" : "E_PROMOTE_UNDECIDED",
          exitCode: ExitCode.nodeFailed,
          facts: {
            campaign,
            ...(regressions.length > 0 ? { regressions: regressions.join("\n") } : {}),
            ...(undecided.length > 0 ? { undecided: undecided.join("\n") } : {}),
          },
          hint:
            regressions.length > 0
              ? "read the report; `staging promote <candidate> --force` overrides, and the override is recorded"
              : "run more rounds (`staging run-campaign <candidate> --until-decided`), or `--force`, which is recorded",
        },
      );
    }
    const forced = p.force && (regressions.length > 0 || undecided.length > 0);
    await applyPromotion(p.workspace, {
      candidate: p.candidate,
      campaignId: campaign,
      now: new Date(),
      forced,
    });
    return {
      promoted: p.candidate,
      archived: plan.identity.baseline,
      campaign,
      forced,
      overridden: p.force ? [...regressions, ...undecided.map((u) => `undecided: ${u}`)] : [],
    };
  },
});
