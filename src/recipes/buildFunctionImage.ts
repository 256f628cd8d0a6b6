import type { BuildFunction, BuildRecipe } from "../config/StagingConfig.js";
import { DockerCli } from "../drivers/docker/index.js";
import { ExitCode, isStagingError, StagingError } from "../errors/index.js";
import { tailFile } from "../fsutil/logTail.js";
import { buildFolders, type BuildPlace } from "../targets/buildFolders.js";
import { recipeError } from "./recipeError.js";
import { targetShell } from "./targetShell.js";

/** A docker image built by a build function on the target itself (no Dockerfile in the recipe). */
export interface FunctionImageBuild extends BuildPlace {
  nodeId: string;
  workspaceRoot: string;
  recipe: BuildRecipe;
  build: BuildFunction;
  /** The image the function must build. */
  tag: string;
  logFile: string;
  signal: AbortSignal;
}

/**
 * Runs the build function with a `$` on the target, in an empty scratch folder there, with the
 * snapshot on the target (uploaded first for a remote one) and `image`, the tag it must build;
 * resolves with that image's id. The scratch folder is removed after.
 */
export async function buildFunctionImage(b: FunctionImageBuild): Promise<string> {
  const { snapshot, scratch } = await buildFolders(b);
  await b.target.run(["sh", "-c", 'rm -rf -- "$1" && mkdir -p -- "$1"', "sh", scratch], { signal: b.signal });
  const $ = await targetShell({
    target: b.target,
    cwd: scratch,
    env: { ...(b.recipe.env ?? {}), STAGING_IMAGE: b.tag, STAGING_VERSION: b.slug, STAGING_MODE: b.mode },
    logFile: b.logFile,
    signal: b.signal,
    timeoutMs: 90 * 60_000,
  });
  try {
    await b.build({
      $,
      snapshot,
      out: scratch,
      image: b.tag,
      version: b.slug,
      mode: b.mode,
      workspace: b.workspaceRoot,
    });
  } catch (error) {
    if (b.signal.aborted || (isStagingError(error) && error.code !== "E_RECIPE")) throw error;
    throw await failed(b, recipeError(error), error);
  } finally {
    await b.target.run(["rm", "-rf", "--", scratch], { timeoutMs: 120_000 }).catch(() => undefined);
  }
  const id = await new DockerCli(b.target).imageId(b.tag);
  if (id === null) throw await failed(b, `it succeeded but built no image ${b.tag}`);
  return id;
}

async function failed(b: FunctionImageBuild, what: string, cause?: unknown): Promise<StagingError> {
  return new StagingError(`The ${b.mode} build of ${b.slug} failed on ${b.target.name}: ${what}`, {
    code: "E_IMAGE_BUILD",
    exitCode: ExitCode.nodeFailed,
    facts: {
      node: b.nodeId,
      recipe: `modes.${b.mode}.build.command (a function)`,
      image: b.tag,
      log: b.logFile,
      "last lines": (await tailFile(b.logFile)) || "(no log)",
    },
    hint:
      b.recipe.hint ??
      `with no dockerfile, the function must build the image named by \`image\`; read the log: ${b.logFile}`,
    cause,
  });
}
