import type { MetricSpec } from "../benchmark/index.js";
import type { RoundOutput } from "../measure/RoundOutput.js";
import { aggregateCampaign } from "../report/index.js";
import type { Analysis } from "./Analysis.js";
import type { CampaignPlan } from "./CampaignPlan.js";

/** The statistics of the first `rounds` rounds of a campaign, and whether they end it. */
export function analyseRounds(
  plan: CampaignPlan,
  metrics: Readonly<Record<string, MetricSpec>>,
  rounds: readonly RoundOutput[],
  upTo: number,
): Analysis {
  const { identity } = plan;
  const aggregate = aggregateCampaign(
    {
      campaignId: plan.id,
      baseline: identity.baseline,
      candidate: identity.candidate,
      modes: identity.modes,
      runs: upTo,
      seed: identity.seed,
      benchmarkHash: identity.benchmark_pinned_hash,
      createdAt: "",
    },
    metrics,
    rounds.flatMap((r) => [r.baseline, r.candidate]),
  );
  return { rounds: upTo, decided: upTo >= (plan.looks.at(-1) ?? upTo), aggregate };
}
