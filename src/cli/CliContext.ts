import { join } from "node:path";
import { loadConfig } from "../config/loadConfig.js";
import type { ResolvedConfig } from "../config/StagingConfig.js";
import type { TaskGraph } from "../engine/TaskGraph.js";
import { FsFileHasher } from "../host/FsFileHasher.js";
import { FsStore } from "../host/FsStore.js";
import { buildWorkspaceGraph } from "../staging/graph/buildWorkspaceGraph.js";
import { listVersions, type VersionEntry } from "../staging/versions/index.js";
import { openWorkspace, type Workspace } from "../staging/workspace/index.js";
import type { Output } from "./Output.js";

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  workspace?: string;
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
  return {
    config,
    stagingDir,
    store,
    hasher,
    output,
    workspace,
    versions,
    graph: async () =>
      buildWorkspaceGraph({ workspace: config.workspace, slugs: (await versions()).map((v) => v.slug) }),
  };
}
