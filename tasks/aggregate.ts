import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defineTask } from "../src/engine/defineTask.js";
import type { MetricSpec } from "../src/staging/benchmark/index.js";
import type { CampaignPlan } from "../src/staging/campaign/CampaignPlan.js";
import type { CellSummary } from "../src/staging/measure/CellSummary.js";
import {
  aggregateCampaign,
  compatAggregate,
  renderAggregateJson,
  renderAggregateMarkdown,
  type Aggregate,
} from "../src/staging/report/index.js";

export interface AggregateParams {
  plan: CampaignPlan;
  metrics: Record<string, MetricSpec>;
}

/** `aggregate:<campaign>`: the statistics of every run, and the prototype's aggregate-comparison files. */
export const aggregateTask = defineTask<AggregateParams, Aggregate>({
  name: "aggregate",
  version: "1",
  id: (p) => `aggregate:${p.plan.id}`,
  deps: (p) => p.plan.schedule.map((r) => `run:${p.plan.id}:${r.version}:${r.mode}:${r.round}`),
  inputs: (p) => ({ values: { metrics: p.metrics, createdAt: p.plan.createdAt } }),
  run: async (p, ctx) => {
    const cells = Object.values(ctx.upstream) as CellSummary[];
    const { identity } = p.plan;
    const aggregate = aggregateCampaign(
      {
        campaignId: p.plan.id,
        baseline: identity.baseline,
        candidate: identity.candidate,
        modes: identity.modes,
        runs: identity.runs,
        seed: identity.seed,
        benchmarkHash: identity.benchmark_hash,
        createdAt: p.plan.createdAt,
      },
      p.metrics,
      cells,
    );
    const compat = compatAggregate(aggregate);
    await writeFile(join(p.plan.dir, "aggregate-comparison.json"), renderAggregateJson(compat));
    await writeFile(join(p.plan.dir, "aggregate-comparison.md"), renderAggregateMarkdown(compat));
    return aggregate;
  },
});
