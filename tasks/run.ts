import { join } from "node:path";
import { defineTask } from "../src/engine/defineTask.js";
import { isStagingError } from "../src/errors/index.js";
import type { CampaignPlan } from "../src/staging/campaign/CampaignPlan.js";
import { runFolder } from "../src/staging/campaign/CampaignPlan.js";
import type { ScheduledRun } from "../src/staging/campaign/schedule.js";
import type { CellSummary } from "../src/staging/measure/CellSummary.js";
import type { MeasureEnv } from "../src/staging/measure/MeasureEnv.js";
import type { ImageOutput } from "./image.js";

export interface RunParams {
  plan: CampaignPlan;
  run: ScheduledRun;
  measure: () => Promise<MeasureEnv>;
  /** The deploy and load recipes, as they enter the key. */
  recipes: { deploy: unknown; load: unknown };
}

/** `run:<campaign>:<version>:<mode>:<round>`: one measured run of the campaign's schedule. */
export const runTask = defineTask<RunParams, CellSummary>({
  name: "run",
  version: "1",
  cost: "expensive",
  id: (p) => `run:${p.plan.id}:${p.run.version}:${p.run.mode}:${p.run.round}`,
  deps: (p) => [`image:${p.run.version}:${p.run.mode}`],
  inputs: (p) => ({
    values: {
      campaign: p.plan.key,
      benchmark: p.plan.identity.benchmark_hash,
      run: p.run,
      seed: p.plan.identity.seed,
      target: p.plan.identity.target,
      recipes: p.recipes,
    },
  }),
  pool: (p) => `target:${p.plan.identity.target.id}`,
  // Runs execute in the schedule's order, one at a time per target.
  priority: (p) => -p.run.run_index,
  run: async (p, ctx) => {
    const image = ctx.upstream[`image:${p.run.version}:${p.run.mode}`] as ImageOutput;
    const env = await p.measure();
    const runDir = join(p.plan.dir, runFolder(p.run));
    const placement = {
      runDir,
      round: p.run.round,
      runIndex: p.run.run_index,
      seed: p.plan.identity.seed * 1000 + p.run.round,
      logId: ctx.id,
      signal: ctx.signal,
    };
    let cell: CellSummary;
    try {
      cell = await env.measure(p.run.version, p.run.mode, image, placement);
    } catch (error) {
      // A service that never becomes healthy is a result about that version: an invalid run.
      if (!isStagingError(error) || error.code !== "E_DEPLOY_UNHEALTHY" || ctx.signal.aborted) throw error;
      cell = deployFailed(p.run, error.message);
    }
    const p95 = cell.metrics.p95;
    ctx.log(
      cell.valid
        ? `valid: p95 ${p95 === null || p95 === undefined ? "n/a" : `${p95.toFixed(3)} ms`}`
        : `INVALID: ${cell.invalid_reasons.join("; ")}`,
    );
    return cell;
  },
});

function deployFailed(run: ScheduledRun, message: string): CellSummary {
  return {
    version_slug: run.version,
    platform_mode: run.mode,
    round: run.round,
    run_index: run.run_index,
    metrics: {},
    unavailable: {},
    valid: false,
    invalid_reasons: [`deploy failed: ${message}`],
    counts: {
      completed: null,
      failed: null,
      not_sent: null,
      responses_checked: 0,
      response_mismatches: 0,
      scrape_samples: 0,
      scrape_failures: 0,
    },
    window_s: null,
  };
}
