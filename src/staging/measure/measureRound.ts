import { isStagingError } from "../../errors/index.js";
import type { CampaignPlan } from "../campaign/CampaignPlan.js";
import type { ScheduledRound } from "../campaign/schedule.js";
import type { ImageOutput } from "../images/ImageOutput.js";
import type { CellSummary } from "./CellSummary.js";
import type { MeasureEnv } from "./MeasureEnv.js";
import type { RoundOutput } from "./RoundOutput.js";

export interface RoundMeasurement {
  env: MeasureEnv;
  plan: CampaignPlan;
  round: ScheduledRound;
  images: { baseline: ImageOutput; candidate: ImageOutput };
  runDir: (version: string) => string;
  logId: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** One round of one mode: each version deployed fresh and measured, the first one as scheduled. */
export async function measureRound(m: RoundMeasurement): Promise<RoundOutput> {
  const sides =
    m.round.first === "baseline"
      ? (["baseline", "candidate"] as const)
      : (["candidate", "baseline"] as const);
  const cells: Partial<Record<"baseline" | "candidate", CellSummary>> = {};
  for (const side of sides) {
    const version = m.plan.identity[side];
    cells[side] = await measureSide(m, version, m.images[side]);
    const cell = cells[side];
    const p95 = cell.metrics.p95;
    m.log(
      cell.valid
        ? `${side} valid: p95 ${p95 === null || p95 === undefined ? "n/a" : `${p95.toFixed(3)} ms`}`
        : `${side} invalid: ${cell.invalid_reasons.join("; ")}`,
    );
  }
  return {
    campaign: m.plan.id,
    round: m.round.round,
    mode: m.round.mode,
    first: m.round.first,
    baseline: cells.baseline!,
    candidate: cells.candidate!,
  };
}

async function measureSide(m: RoundMeasurement, version: string, image: ImageOutput): Promise<CellSummary> {
  try {
    return await m.env.measure(version, m.round.mode, image, {
      runDir: m.runDir(version),
      round: m.round.round,
      runIndex: m.round.index,
      seed: m.plan.identity.seed * 1000 + m.round.round,
      logId: m.logId,
      signal: m.signal,
    });
  } catch (error) {
    // A service that never becomes healthy is a result about that version: an invalid run.
    if (!isStagingError(error) || error.code !== "E_DEPLOY_UNHEALTHY" || m.signal.aborted) throw error;
    return deployFailed(version, m.round, error.message);
  }
}

function deployFailed(version: string, round: ScheduledRound, message: string): CellSummary {
  return {
    version_slug: version,
    platform_mode: round.mode,
    round: round.round,
    run_index: round.index,
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
