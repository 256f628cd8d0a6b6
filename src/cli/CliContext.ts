import { join } from "node:path";
import { loadConfig } from "../config/loadConfig.js";
import type { ResolvedConfig } from "../config/StagingConfig.js";
import type { TaskGraph } from "../engine/TaskGraph.js";
import { fsmonitorSetting } from "../config/fsmonitorSetting.js";
import { FsFileHasher } from "../filehash/FsFileHasher.js";
import { FsMonitorClient } from "../filehash/fsmonitor/FsMonitorClient.js";
import { monitorPaths } from "../filehash/fsmonitor/monitorPaths.js";
import { FsStore } from "../store/FsStore.js";
import { HashWorkerPool } from "../filehash/HashWorkerPool.js";
import type { GraphTargets } from "../staging/graph/GraphTargets.js";
import type { CampaignRequest } from "../staging/campaign/CampaignRequest.js";
import type { DeployDrivers } from "../staging/deploy/DeployDrivers.js";
import type { LoadedBenchmark } from "../staging/benchmark/index.js";
import type { MeasureEnv } from "../staging/measure/MeasureEnv.js";
import { loadWorkspaceBenchmark } from "../staging/workspace/index.js";
import { isStagingError } from "../errors/index.js";
import { listVersions, type VersionEntry } from "../staging/versions/index.js";
import { openWorkspace, type Workspace } from "../staging/workspace/index.js";
import type { Output } from "./Output.js";

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  workspace?: string;
  target?: string;
  identity?: string;
  knownHosts?: string;
  /** Node-level progress lines. */
  verbose?: boolean;
}

/**
 * What a command works with: the resolved config, the store and the workspace's graph. The
 * planner, the targets, the deploy drivers and the measuring instruments are imported on first
 * use: `versions` and `report` need none of them, and their modules were most of what they loaded.
 */
export interface CliContext {
  config: ResolvedConfig;
  stagingDir: string;
  store: FsStore;
  hasher: FsFileHasher;
  output: Output;
  /** `--verbose`: node lines as well as the one progress line. */
  verbose: boolean;
  workspace: Workspace;
  versions(): Promise<VersionEntry[]>;
  /** The campaign's target and this machine, opened on first use. */
  targets(): Promise<GraphTargets>;
  /** The deploy drivers on the target, built once. */
  drivers(): Promise<DeployDrivers>;
  /** The pinned benchmark, loaded once; undefined with the reason where it is missing or broken. */
  benchmark(): Promise<LoadedBenchmark | undefined>;
  /** The instruments of a measured run (benchmark, corpora, load driver), opened once. */
  measure(): Promise<MeasureEnv>;
  /** The one planner's graph of the workspace, with these campaign requests planned. */
  graph(options?: GraphOptions): Promise<TaskGraph>;
}

/** What a command asks of the planner beyond the workspace's own nodes. */
export interface GraphOptions {
  campaigns?: readonly CampaignRequest[];
  forcePromote?: boolean;
}

export async function openContext(
  global: GlobalOptions,
  output: Output,
  options: { init?: boolean } = {},
): Promise<CliContext> {
  const config = await loadConfig({
    configFile: global.config,
    workspace: global.workspace ?? process.env.STAGING_WORKSPACE,
    cwd: process.cwd(),
  });
  const workspace = await openWorkspace(config.workspace, {
    requiredModes: config.requiredModes,
    benchmarkPath: config.benchmarkPath,
    init: options.init ?? false,
  });
  const stagingDir = workspace.stagingDir;
  const store = new FsStore(stagingDir, (message) => output.err(`warning: ${message}`));
  const monitor = fsmonitorSetting(process.env, config.fsmonitor) ? monitorClient(stagingDir) : undefined;
  const hasher = new FsFileHasher(join(stagingDir, "filecache"), {
    pool: new HashWorkerPool(),
    ...(monitor ? { monitor } : {}),
  });
  let warned = false;
  const versions = async () => {
    const list = await listVersions(workspace);
    // Typos in version.yaml (`statsu:`), said once per command.
    if (!warned)
      for (const warning of list.flatMap((v) => v.warnings ?? [])) output.err(`warning: ${warning}`);
    warned = true;
    return list;
  };
  let opened: Promise<GraphTargets> | undefined;
  const targets = () =>
    (opened ??= import("./openGraphTargets.js").then((m) => m.openGraphTargets(config, global, output)));
  let wired: Promise<DeployDrivers> | undefined;
  const drivers = () =>
    (wired ??= Promise.all([targets(), import("./wireDeployDrivers.js")]).then(([t, m]) =>
      m.wireDeployDrivers(workspace, config, t, process.env),
    ));
  let loaded: Promise<LoadedBenchmark | undefined> | undefined;
  const benchmark = () =>
    (loaded ??= loadWorkspaceBenchmark(workspace).catch((error: unknown) => {
      if (isStagingError(error)) return undefined;
      throw error;
    }));
  let instruments: Promise<MeasureEnv> | undefined;
  const measure = () =>
    (instruments ??= (async () =>
      (await import("../staging/measure/MeasureEnv.js")).MeasureEnv.open(
        { workspace, config, drivers: await drivers(), targets: await targets() },
        (await benchmark()) ?? (await loadWorkspaceBenchmark(workspace)),
      ))());
  const needsTargets = Object.values(config.modes).some((m) => m.build !== undefined);
  return {
    config,
    stagingDir,
    store,
    hasher,
    output,
    verbose: global.verbose ?? false,
    workspace,
    versions,
    targets,
    drivers,
    benchmark,
    measure,
    graph: async (options: GraphOptions = {}) => {
      const found = await benchmark();
      const { planWorkspace } = await import("../planner/planWorkspace.js");
      return planWorkspace({
        workspace,
        config,
        versions: await versions(),
        ...(needsTargets ? { targets: await targets(), drivers: await drivers() } : {}),
        ...(found ? { benchmark: found } : {}),
        ...(options.campaigns ? { campaigns: options.campaigns } : {}),
        ...(options.forcePromote ? { forcePromote: true } : {}),
        measure,
      });
    },
  };
}

/** The client of this workspace's file-system monitor; undefined where no private socket folder can be had. */
export function monitorClient(stagingDir: string): FsMonitorClient | undefined {
  const paths = monitorPaths(stagingDir);
  return paths ? new FsMonitorClient({ paths, stagingDir }) : undefined;
}
