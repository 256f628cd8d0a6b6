import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { snapshotBuildRecipe } from "../../config/snapshotBuildRecipe.js";
import type { ResolvedConfig } from "../../config/StagingConfig.js";
import { taskNode } from "../../engine/defineTask.js";
import { TaskGraph } from "../../engine/TaskGraph.js";
import type { TaskNode } from "../../engine/TaskNode.js";
import type { GraphTargets } from "./GraphTargets.js";
import { fingerprintTask } from "../../../tasks/fingerprint.js";
import { deployTask } from "../../../tasks/deploy.js";
import { imageTask } from "../../../tasks/image.js";
import { DeployEnv } from "../deploy/DeployEnv.js";
import type { VersionEntry } from "../versions/index.js";
import type { Workspace } from "../workspace/index.js";

/** What the graph is built from: the workspace's versions as found on disk, and the config. */
export type { GraphTargets } from "./GraphTargets.js";

export interface GraphInputs {
  workspace: Workspace;
  versions: readonly VersionEntry[];
  config: ResolvedConfig;
  /** Needed for image nodes; without it the graph holds fingerprints only. */
  targets?: GraphTargets;
}

/** Every node of the workspace: a fingerprint per version, an image per version and mode with a recipe. */
export function buildWorkspaceGraph(inputs: GraphInputs): TaskGraph {
  const nodes: TaskNode[] = [];
  const { workspace, config, targets } = inputs;
  const deployEnv = targets ? new DeployEnv(workspace, config, targets) : undefined;
  for (const version of inputs.versions) {
    const snapshotDir = join(version.dir, "snapshot");
    nodes.push(taskNode(fingerprintTask, { slug: version.slug, snapshotDir }));
    if (!targets) continue;
    for (const [mode, recipe] of Object.entries(config.modes)) {
      if (!recipe.build) continue;
      nodes.push(
        taskNode(imageTask, {
          slug: version.slug,
          mode,
          workspaceRoot: workspace.root,
          workspaceName: basename(workspace.root),
          stagingDir: workspace.stagingDir,
          versionDir: version.dir,
          recipe: snapshotBuildRecipe(
            recipe.build,
            { workspaceRoot: workspace.root, versionDir: version.dir },
            (path) => existsSync(join(workspace.root, path)),
          ),
          builder: config.builder,
          configDir: config.configFile ? dirname(config.configFile) : undefined,
          ...targets,
        }),
      );
      if (deployEnv && recipe.deploy)
        nodes.push(taskNode(deployTask, { slug: version.slug, mode, env: deployEnv }));
    }
  }
  return new TaskGraph(nodes);
}
