import type { MetricSpec, NormalizedBenchmark } from "../benchmark/index.js";
import type { RoundOutput } from "../measure/RoundOutput.js";
import { aggregateCampaign } from "../report/index.js";
import type { Analysis } from "./Analysis.js";
import type { CampaignPlan } from "./CampaignPlan.js";

/**
 * The statistics of the first `upTo` rounds of a campaign, and whether they end it: every
 * critical metric decided, or the last planned look reached (the budget spent).
 */
export function analyseRounds(
  plan: CampaignPlan,
  benchmark: Pick<NormalizedBenchmark, "load"> & { metrics: Readonly<Record<string, MetricSpec>> },
  rounds: readonly RoundOutput[],
  upTo: number,
): Analysis {
  const { identity } = plan;
  const used = rounds.filter((r) => r.round <= upTo);
  const pinning: Record<string, string> = {};
  for (const r of [...used].sort((a, b) => a.round - b.round))
    if (r.pinning) pinning[r.mode] = r.pinning.note;
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
    benchmark.metrics,
    used.flatMap((r) => [r.baseline, r.candidate]),
    {
      rounds: upTo,
      roundsPlanned: identity.rounds,
      looks: plan.looks,
      design: {
        mode: benchmark.load.mode,
        windows: benchmark.load.windows,
        window_s: benchmark.load.duration_s,
      },
      pinning,
    },
  );
  const last = upTo >= (plan.looks.at(-1) ?? upTo);
  return { rounds: upTo, decided: aggregate.decided || last, aggregate };
}
