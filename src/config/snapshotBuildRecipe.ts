import { join, relative } from "node:path";
import type { BuildRecipe } from "./StagingConfig.js";

/** Where a version lives, to resolve `{snapshot}` in a build recipe. */
export interface RecipeVersion {
  workspaceRoot: string;
  /** `versions/<slug>` (absolute). */
  versionDir: string;
}

/**
 * A mode's build recipe for one version: `{snapshot}` in `dockerfile` and `script` becomes the
 * version's snapshot folder, relative to the workspace (where the docker builder resolves a
 * Dockerfile). When both are given, the Dockerfile wins if the snapshot has it, else the script if
 * it has that; with neither, the Dockerfile is kept, for the preflight to name it.
 */
export function snapshotBuildRecipe(
  recipe: BuildRecipe,
  version: RecipeVersion,
  exists: (workspacePath: string) => boolean,
): BuildRecipe {
  const snapshot = relative(version.workspaceRoot, join(version.versionDir, "snapshot"));
  const expand = (path: string) => path.split("{snapshot}").join(snapshot);
  const { dockerfile, script, ...rest } = recipe;
  const resolved = {
    ...(dockerfile === undefined ? {} : { dockerfile: expand(dockerfile) }),
    ...(script === undefined ? {} : { script: expand(script) }),
  };
  if (resolved.dockerfile === undefined || resolved.script === undefined) return { ...rest, ...resolved };
  if (!exists(resolved.dockerfile) && exists(resolved.script)) return { ...rest, script: resolved.script };
  return { ...rest, dockerfile: resolved.dockerfile };
}
