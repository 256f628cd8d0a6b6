import type { Reporter } from "../engine/Reporter.js";
import type { CampaignPlan } from "../staging/campaign/CampaignPlan.js";
import { kindOf } from "../staging/graph/nodeIds.js";
import type { RoundOutput } from "../staging/measure/RoundOutput.js";
import type { Output } from "./Output.js";

/**
 * Campaign progress on top of the node lines: the plan once it is known, which round is
 * measuring, done/total, invalid runs so far, and the time left estimated from the rounds
 * measured in this process.
 */
export function campaignReporter(base: Reporter, output: Output): Reporter {
  let total = 0;
  let done = 0;
  let invalid = 0;
  let measuredMs = 0;
  let measured = 0;
  const isRound = (id: string) => kindOf(id) === "round";
  return {
    ...base,
    planned: (ids) => {
      total = ids.filter(isRound).length;
      base.planned?.(ids);
    },
    started: (id, reason) => {
      base.started?.(id, reason);
      if (!isRound(id)) return;
      const left = measured > 0 ? ` (~${formatDuration((measuredMs / measured) * (total - done))} left)` : "";
      output.err(`campaign: measuring round ${done + 1}/${total}, invalid runs so far ${invalid}${left}`);
    },
    log: (id, line) => {
      if (isRound(id)) output.err(`    ${id}: ${line}`);
      else base.log?.(id, line);
    },
    finished: (outcome, result) => {
      if (kindOf(outcome.id) === "plan" && result !== undefined && outcome.status !== "failed") {
        const plan = result as CampaignPlan;
        const { rounds, modes } = plan.identity;
        const span =
          rounds.min === rounds.max
            ? `${rounds.max} rounds`
            : `${rounds.min} to ${rounds.max} rounds, until decided`;
        output.err(`campaign ${plan.id}: ${span} x ${modes.length} modes x 2 versions`);
      }
      if (isRound(outcome.id)) {
        done++;
        const round = result as RoundOutput | undefined;
        if (round) invalid += [round.baseline, round.candidate].filter((cell) => !cell.valid).length;
        if (outcome.status === "executed") {
          measured++;
          measuredMs += outcome.durationMs;
        }
      }
      base.finished?.(outcome, result);
    },
  };
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
