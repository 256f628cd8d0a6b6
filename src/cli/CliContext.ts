import { join } from "node:path";
import { loadConfig } from "../config/loadConfig.js";
import type { ResolvedConfig } from "../config/StagingConfig.js";
import type { TaskGraph } from "../engine/TaskGraph.js";
import { FsFileHasher } from "../host/FsFileHasher.js";
import { FsStore } from "../host/FsStore.js";
import { buildWorkspaceGraph, type GraphTargets } from "../staging/graph/buildWorkspaceGraph.js";
import { LocalTarget } from "../targets/LocalTarget.js";
import { openTarget } from "../targets/openTarget.js";
import { remoteProjectDirSetting } from "../targets/remoteProjectDir.js";
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
}

/** What a command works with: the resolved config, the store and the workspace's graph. */
export interface CliContext {
  config: ResolvedConfig;
  stagingDir: string;
  store: FsStore;
  hasher: FsFileHasher;
  output: Output;
  workspace: Workspace;
  versions(): Promise<VersionEntry[]>;
  /** The campaign's target and this machine, opened on first use. */
  targets(): Promise<GraphTargets>;
  graph(): Promise<TaskGraph>;
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
  const hasher = new FsFileHasher(join(stagingDir, "filecache"));
  const versions = () => listVersions(workspace);
  let opened: Promise<GraphTargets> | undefined;
  const targets = () => (opened ??= openTargets(config, global, output));
  const needsTargets = Object.values(config.modes).some((m) => m.build !== undefined);
  return {
    config,
    stagingDir,
    store,
    hasher,
    output,
    workspace,
    versions,
    targets,
    graph: async () =>
      buildWorkspaceGraph({
        workspace,
        versions: await versions(),
        config,
        ...(needsTargets ? { targets: await targets() } : {}),
      }),
  };
}

async function openTargets(
  config: ResolvedConfig,
  global: GlobalOptions,
  output: Output,
): Promise<GraphTargets> {
  const local = new LocalTarget();
  const name = global.target ?? process.env.STAGING_TARGET ?? config.target;
  const target =
    name === "local"
      ? local
      : openTarget(name, {
          named: config.targets,
          identity: global.identity,
          knownHosts: global.knownHosts,
          log: (line) => output.err(line),
        });
  const [localIdentity, targetIdentity] = await Promise.all([local.identity(), target.identity()]);
  const named = config.targets[name];
  return {
    target,
    targetIdentity,
    local,
    localIdentity,
    projectDir: remoteProjectDirSetting(process.env, named?.projectDir),
  };
}
