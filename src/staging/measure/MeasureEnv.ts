import { dirname, join } from "node:path";
import type { ResolvedConfig } from "../../config/StagingConfig.js";
import { createLoadDriver, type LoadDriver, type LoadRequestSpec } from "../../drivers/load/index.js";
import type { LoadedBenchmark } from "../benchmark/index.js";
import type { DeployDrivers } from "../deploy/DeployDrivers.js";
import { deploySpec } from "../deploy/deploySpec.js";
import type { GraphTargets } from "../graph/GraphTargets.js";
import { freshLog } from "../images/buildLog.js";
import type { ImageOutput } from "../images/ImageOutput.js";
import type { Workspace } from "../workspace/index.js";
import type { CellSummary } from "./CellSummary.js";
import { loadRequests } from "./loadCorpus.js";
import { openCpuReader } from "../../drivers/metrics/index.js";
import { openRoundSide } from "./RoundSide.js";
import { runWindows } from "./runWindows.js";
import { sideCell } from "./sideCell.js";

/** Where and how one run is placed in the campaign or the one-off measurement. */
export interface RunPlacement {
  runDir: string;
  round: number;
  runIndex: number;
  seed: number;
  /** The node id whose log the deployment writes. */
  logId: string;
  signal: AbortSignal;
}

/** What measuring needs from the command line: the workspace, its config, drivers and targets. */
export interface MeasureWiring {
  workspace: Workspace;
  config: ResolvedConfig;
  drivers: DeployDrivers;
  targets: GraphTargets;
}

/** The pinned benchmark, its corpora and the load driver, ready to measure any version and mode. */
export class MeasureEnv {
  private constructor(
    readonly wiring: MeasureWiring,
    readonly benchmark: LoadedBenchmark,
    readonly requests: LoadRequestSpec[],
    readonly load: LoadDriver,
  ) {}

  static async open(wiring: MeasureWiring, benchmark: LoadedBenchmark): Promise<MeasureEnv> {
    const dir = dirname(wiring.workspace.benchmarkPath);
    const requests = await loadRequests(benchmark.benchmark, dir);
    const load = createLoadDriver(benchmark.benchmark.load.driver, { target: wiring.targets.target });
    return new MeasureEnv(wiring, benchmark, requests, load);
  }

  /**
   * One measured run of a version, now: deployed fresh, warmed up, measured over the benchmark's
   * windows one after the other (its CPU time and the machine's load bracketing each), stopped.
   */
  async measure(slug: string, mode: string, image: ImageOutput, at: RunPlacement): Promise<CellSummary> {
    const { workspace, config, drivers, targets } = this.wiring;
    const logFile = await freshLog(workspace.stagingDir, at.logId);
    await drivers.prepare(slug, mode, image);
    const driver = drivers.forImage(image, mode);
    // The run's service belongs to the run: it stops with this process, even on SIGKILL.
    const spec = { ...deploySpec(config, workspace, { slug, mode, image, logFile }), tethered: true };
    const reader = openCpuReader(targets.target);
    const deployment = await driver.start(spec, at.signal);
    const side = await openRoundSide(
      { side: "candidate", version: slug, image, runDir: at.runDir, driver, deployment },
      targets.target,
      reader,
    ).catch(async (error: unknown) => {
      await driver.stop(deployment);
      throw error;
    });
    try {
      const context = {
        env: this,
        mode,
        round: at.round,
        runIndex: at.runIndex,
        seed: at.seed,
        signal: at.signal,
      };
      const measured = await runWindows(context, [side], reader, false, undefined);
      return await sideCell(context, side, measured.bySide.get("candidate")!);
    } finally {
      await side.close();
      await reader.close();
    }
  }
}

/** `.staging/measure/<slug>__<mode>`: where the latest one-off measurement keeps its files. */
export function measureDir(stagingDir: string, slug: string, mode: string): string {
  return join(stagingDir, "measure", `${slug}__${mode}`);
}

/** The log name of a one-off measurement of a version in a mode. */
export function measureLogId(slug: string, mode: string): string {
  return `measure-${slug}__${mode}`;
}
