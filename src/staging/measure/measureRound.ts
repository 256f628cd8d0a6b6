import { isStagingError } from "../../errors/index.js";
import { openCpuReader, type CpuReader } from "../../drivers/metrics/index.js";
import { onlineCpus, pinThisProcess } from "../../drivers/cpu/index.js";
import type { CampaignPlan } from "../campaign/CampaignPlan.js";
import type { ScheduledRound } from "../campaign/schedule.js";
import { deploySpec } from "../deploy/deploySpec.js";
import { freshLog } from "../images/buildLog.js";
import type { ImageOutput } from "../images/ImageOutput.js";
import type { CellSummary } from "./CellSummary.js";
import { deployFailedCell } from "./deployFailedCell.js";
import type { MeasureEnv } from "./MeasureEnv.js";
import { pinWindow, type Pinning } from "./pinWindow.js";
import { runWindows } from "./runWindows.js";
import type { RoundOutput } from "./RoundOutput.js";
import { openRoundSide, type RoundSide, type Side } from "./RoundSide.js";
import { sideCell } from "./sideCell.js";

export interface RoundMeasurement {
  env: MeasureEnv;
  plan: CampaignPlan;
  round: ScheduledRound;
  images: Record<Side, ImageOutput>;
  runDir: (version: string) => string;
  logId: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

/**
 * One round of one mode. Both versions are deployed fresh (the scheduled one first) and stay up
 * while the round measures its windows: alternately (A B B A ..., one loaded at a time) or as a
 * duet (both loaded at once with the same requests, each pinned to its own CPU where the target
 * allows, swapped every window). Both are stopped whatever happens.
 */
export async function measureRound(m: RoundMeasurement): Promise<RoundOutput> {
  const order: [Side, Side] =
    m.round.first === "baseline" ? ["baseline", "candidate"] : ["candidate", "baseline"];
  const { targets } = m.env.wiring;
  const reader = openCpuReader(targets.target);
  const sides: Partial<Record<Side, RoundSide>> = {};
  const failed: Partial<Record<Side, string>> = {};
  const duet = m.env.benchmark.benchmark.load.mode === "duet";
  // Local CPUs are read before anything pins this process: pinning narrows what it may use.
  const cpus = duet ? await onlineCpus(targets.target).catch(() => []) : [];
  try {
    for (const side of order) {
      try {
        sides[side] = await deploy(m, side, reader);
      } catch (error) {
        // A service that never becomes healthy is a result about that version: an invalid run.
        if (!isStagingError(error) || error.code !== "E_DEPLOY_UNHEALTHY" || m.signal.aborted) throw error;
        failed[side] = error.message;
      }
    }
    const a = sides[order[0]];
    const b = sides[order[1]];
    const cells: Partial<Record<Side, CellSummary>> = {};
    let pinning: Pinning | null = null;
    if (a && b) {
      const at = {
        env: m.env,
        mode: m.round.mode,
        round: m.round.round,
        runIndex: m.round.index,
        seed: m.plan.identity.seed,
        signal: m.signal,
      };
      const pin = duet ? (window: number) => pinWindow(targets.target, cpus, a, b, window) : undefined;
      const measured = await runWindows(at, [a, b], reader, duet, pin);
      pinning = measured.pinning;
      for (const side of [a, b]) cells[side.side] = await sideCell(at, side, measured.bySide.get(side.side)!);
    }
    for (const side of order) {
      cells[side] ??= failed[side]
        ? deployFailedCell(m.plan.identity[side], m.round, failed[side])
        : deployFailedCell(
            m.plan.identity[side],
            m.round,
            `the other version of the round could not be deployed`,
          );
      const cell = cells[side];
      m.log(
        cell.valid
          ? `${side} valid: ${summaryOf(cell)}`
          : `${side} invalid: ${cell.invalid_reasons.join("; ")}`,
      );
    }
    return {
      campaign: m.plan.id,
      round: m.round.round,
      mode: m.round.mode,
      first: m.round.first,
      design: duet ? "duet" : "alternate",
      pinning,
      baseline: cells.baseline!,
      candidate: cells.candidate!,
    };
  } finally {
    await Promise.allSettled(Object.values(sides).map((s) => s.close()));
    await reader.close();
    // Whatever starts next from this process must not inherit a duet's placement.
    if (duet && targets.target.kind === "local" && cpus.length > 0) await pinThisProcess(cpus);
  }
}

async function deploy(m: RoundMeasurement, side: Side, reader: CpuReader): Promise<RoundSide> {
  const { workspace, config, drivers, targets } = m.env.wiring;
  const version = m.plan.identity[side];
  const image = m.images[side];
  const logFile = await freshLog(workspace.stagingDir, `${m.logId}-${side}`);
  await drivers.prepare(version, m.round.mode, image);
  const driver = drivers.forImage(image, m.round.mode);
  // A round's services belong to it: they stop with this process, even on SIGKILL.
  const spec = {
    ...deploySpec(config, workspace, { slug: version, mode: m.round.mode, image, logFile }),
    tethered: true,
  };
  const deployment = await driver.start(spec, m.signal);
  return openRoundSide(
    { side, version, image, runDir: m.runDir(version), driver, deployment },
    targets.target,
    reader,
  );
}

function summaryOf(cell: CellSummary): string {
  const p95 = cell.metrics.p95;
  const cpu = cell.metrics.cpu_per_request;
  return [
    `p95 ${p95 === undefined ? "n/a" : `${p95.toFixed(3)} ms`}`,
    `cpu/request ${cpu === undefined ? "n/a" : `${(cpu * 1e6).toFixed(1)} µs`}`,
  ].join(", ");
}
