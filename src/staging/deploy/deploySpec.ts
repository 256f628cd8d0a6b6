import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import type { DeployRecipe, ResolvedConfig } from "../../config/StagingConfig.js";
import type { DeploySpec } from "../../drivers/deploy/index.js";
import { StagingError } from "../../errors/index.js";
import { recipeSource } from "../../recipes/recipeSource.js";
import type { ImageOutput } from "../images/ImageOutput.js";
import type { Workspace } from "../workspace/index.js";

/** Names containers and state files; never part of a key (it depends on the path). */
export function workspaceId(workspace: Pick<Workspace, "root">): string {
  return createHash("sha256").update(workspace.root).digest("hex").slice(0, 8);
}

/** `.staging/deployments`: one state file per running process deployment. */
export function deploymentsDir(workspace: Pick<Workspace, "stagingDir">): string {
  return join(workspace.stagingDir, "deployments");
}

/** The deploy recipe of a mode as it enters keys: what changes the running service (a function as its source text). */
export function deployRecipe(config: ResolvedConfig, mode: string): unknown {
  const recipe = config.modes[mode]?.deploy ?? {};
  return typeof recipe.command === "function" ? { ...recipe, command: recipeSource(recipe.command) } : recipe;
}

/** What starting one version in one mode asks of its driver: pure, from the config and the image. */
export function deploySpec(
  config: ResolvedConfig,
  workspace: Pick<Workspace, "root" | "stagingDir">,
  at: { slug: string; mode: string; image: ImageOutput; logFile: string },
): DeploySpec {
  const recipe: DeployRecipe = config.modes[at.mode]?.deploy ?? {};
  if (at.image.kind === "artifact" && !recipe.command) {
    throw new StagingError(`Mode ${at.mode} has no deploy command`, {
      code: "E_CONFIG",
      facts: {
        field: `modes.${at.mode}.deploy.command`,
        expected: 'the argv that runs the artifact, e.g. ["node", "{artifact}/service.mjs"]',
      },
    });
  }
  const spec: DeploySpec = {
    workspaceId: workspaceId(workspace),
    version: at.slug,
    mode: at.mode,
    // The deploy command runs an artifact; an image runs its own CMD. A deploy function's argv is
    // filled in by the driver that runs it (recipeDeployDriver).
    command: at.image.kind === "artifact" && Array.isArray(recipe.command) ? recipe.command : [],
    env: recipe.env ?? {},
    logFile: at.logFile,
    buildFingerprint: at.image.build_fingerprint,
    stateDir: deploymentsDir(workspace),
  };
  if (at.image.kind === "artifact") spec.artifactDir = resolve(workspace.root, at.image.image_ref);
  else spec.image = at.image.image_id;
  if (recipe.healthPath) spec.healthPath = recipe.healthPath;
  if (recipe.readyTimeoutMs) spec.readyTimeoutMs = recipe.readyTimeoutMs;
  if (recipe.cpus) spec.cpus = recipe.cpus;
  return spec;
}
