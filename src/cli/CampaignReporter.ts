import type { Reporter } from "../engine/Reporter.js";
import type { CampaignPlan } from "../staging/campaign/CampaignPlan.js";
import { kindOf } from "../staging/graph/nodeIds.js";
import type { Output } from "./Output.js";
import type { ProgressTracker } from "./ProgressTracker.js";

/**
 * Feeds the progress tracker, and says what a campaign is once its plan is known. Where no live
 * line is drawn (CI, a pipe), the progress line is printed as a line each time a round starts.
 */
export function campaignReporter(
  base: Reporter,
  output: Output,
  tracker: ProgressTracker,
  options: { live: boolean; now: () => number },
): Reporter {
  return {
    ...base,
    planned: (ids) => {
      tracker.planned(ids);
      base.planned?.(ids);
    },
    started: (id, reason) => {
      tracker.started(id, options.now());
      base.started?.(id, reason);
      if (!options.live && kindOf(id) === "round") output.err(`campaign: ${tracker.line(options.now())}`);
    },
    finished: (outcome, result) => {
      tracker.finished(outcome, result);
      if (kindOf(outcome.id) === "plan" && result !== undefined && outcome.status !== "failed")
        output.err(planLine(result as CampaignPlan));
      base.finished?.(outcome, result);
    },
  };
}

/** `campaign <id>: 7 rounds x 2 modes x 2 versions`. */
function planLine(plan: CampaignPlan): string {
  const { rounds, modes } = plan.identity;
  const span =
    rounds.min === rounds.max
      ? plural(rounds.max, "round")
      : `${rounds.min} to ${rounds.max} rounds, until decided`;
  return `campaign ${plan.id}: ${span} x ${plural(modes.length, "mode")} x 2 versions`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
