import { dirname, join, resolve } from "node:path";
import { createLoadDriver, type LoadDriver, type LoadRequestSpec } from "../../drivers/load/index.js";
import type { LoadedBenchmark } from "../benchmark/index.js";
import type { DeployEnv } from "../deploy/DeployEnv.js";
import { freshLog } from "../images/buildLog.js";
import type { ImageOutput } from "../../../tasks/image.js";
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

/** The pinned benchmark, its corpora and the load driver, ready to measure any version and mode. */
export class MeasureEnv {
  private constructor(
    readonly deploy: DeployEnv,
    readonly benchmark: LoadedBenchmark,
    readonly requests: LoadRequestSpec[],
    readonly load: LoadDriver,
  ) {}

  static async open(deploy: DeployEnv, benchmark: LoadedBenchmark): Promise<MeasureEnv> {
    const dir = dirname(deploy.workspace.benchmarkPath);
    const requests = await loadRequests(benchmark.benchmark, dir);
    const load = createLoadDriver(benchmark.benchmark.load.driver, { target: deploy.targets.target });
    return new MeasureEnv(deploy, benchmark, requests, load);
  }

  /** The load recipe as it enters run keys. */
  get loadRecipe(): unknown {
    return this.benchmark.benchmark.load;
  }

  async measure(slug: string, mode: string, image: ImageOutput, at: RunPlacement): Promise<CellSummary> {
    const logFile = await freshLog(this.deploy.workspace.stagingDir, at.logId);
    await this.deploy.prepareRemote(slug, mode, image);
    const k6 = this.benchmark.benchmark.load.k6;
    return measureRun({
      deploy: this.deploy.driverFor(image, mode),
      // The run's service belongs to the run: it stops with this process, even on SIGKILL.
      spec: { ...this.deploy.spec(slug, mode, image, logFile), tethered: true },
      load: this.load,
      requests: this.requests,
      benchmark: this.benchmark.benchmark,
      ...(k6 ? { k6Script: resolve(dirname(this.deploy.workspace.benchmarkPath), k6.script) } : {}),
      target: this.deploy.targets.target,
      docker: this.deploy.dockerCli,
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
