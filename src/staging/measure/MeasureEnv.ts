import { dirname, join, resolve } from "node:path";
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
import { measureRun } from "./measureRun.js";

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

  async measure(slug: string, mode: string, image: ImageOutput, at: RunPlacement): Promise<CellSummary> {
    const { workspace, config, drivers, targets } = this.wiring;
    const logFile = await freshLog(workspace.stagingDir, at.logId);
    await drivers.prepare(slug, mode, image);
    const k6 = this.benchmark.benchmark.load.k6;
    return measureRun({
      deploy: drivers.forImage(image, mode),
      // The run's service belongs to the run: it stops with this process, even on SIGKILL.
      spec: { ...deploySpec(config, workspace, { slug, mode, image, logFile }), tethered: true },
      load: this.load,
      requests: this.requests,
      benchmark: this.benchmark.benchmark,
      ...(k6?.script ? { k6Script: resolve(dirname(workspace.benchmarkPath), k6.script) } : {}),
      target: targets.target,
      docker: drivers.dockerCli,
      runDir: at.runDir,
      seed: at.seed,
      round: at.round,
      runIndex: at.runIndex,
      signal: at.signal,
    });
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
