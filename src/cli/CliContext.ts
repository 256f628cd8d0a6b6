import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { loadConfig } from "../config/loadConfig.js";
import type { ResolvedConfig } from "../config/StagingConfig.js";
import type { TaskGraph } from "../engine/TaskGraph.js";
import { FsFileHasher } from "../host/FsFileHasher.js";
import { FsStore } from "../host/FsStore.js";
import { buildWorkspaceGraph } from "../staging/graph/buildWorkspaceGraph.js";
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
  graph(): Promise<TaskGraph>;
}

export async function openContext(global: GlobalOptions, output: Output): Promise<CliContext> {
  const config = await loadConfig({
    configFile: global.config,
    workspace: global.workspace ?? process.env.STAGING_WORKSPACE,
    cwd: process.cwd(),
  });
  const stagingDir = join(config.workspace, ".staging");
  const store = new FsStore(stagingDir, (message) => output.err(`warning: ${message}`));
  const hasher = new FsFileHasher(join(stagingDir, "filecache"));
  return {
    config,
    stagingDir,
    store,
    hasher,
    output,
    graph: async () =>
      buildWorkspaceGraph({ workspace: config.workspace, slugs: await listSlugs(config.workspace) }),
  };
}

async function listSlugs(workspace: string): Promise<string[]> {
  try {
    const entries = await readdir(join(workspace, "versions"), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith("."))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}
