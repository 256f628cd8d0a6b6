import type { BuildFunction, BuildRecipe } from "../config/StagingConfig.js";
import { ExitCode, isStagingError, StagingError } from "../errors/index.js";
import { tailFile } from "../fsutil/logTail.js";
import type { Target } from "../targets/Target.js";
import { recipeError } from "./recipeError.js";
import { targetShell } from "./targetShell.js";

/** One artifact build by a build function. */
export interface FunctionBuild {
  nodeId: string;
  target: Target;
  slug: string;
  mode: string;
  recipe: BuildRecipe;
  build: BuildFunction;
  logFile: string;
  signal: AbortSignal;
}

/**
 * Runs a mode's build function with a `$` bound to the build's target, in `out`, with the recipe's
 * env; resolves with how the build is named in messages. A failing command, or any error the
 * function throws, fails the build with the function's own words and the log's last lines.
 */
export async function runBuildFunction(
  b: FunctionBuild,
  values: { snapshot: string; out: string; version: string; mode: string; workspace: string },
): Promise<string[]> {
  const $ = await targetShell({
    target: b.target,
    cwd: values.out,
    env: b.recipe.env ?? {},
    logFile: b.logFile,
    signal: b.signal,
    timeoutMs: 30 * 60_000,
  });
  const name = [`modes.${b.mode}.build.command (a function)`];
  try {
    await b.build({ $, ...values });
  } catch (error) {
    if (b.signal.aborted || (isStagingError(error) && error.code !== "E_RECIPE")) throw error;
    throw new StagingError(`The ${b.mode} build of ${b.slug} failed: ${recipeError(error)}`, {
      code: "E_IMAGE_BUILD",
      exitCode: ExitCode.nodeFailed,
      facts: {
        node: b.nodeId,
        recipe: name[0]!,
        log: b.logFile,
        "last lines": (await tailFile(b.logFile)) || "(no log)",
      },
      hint: b.recipe.hint ?? `read the log: ${b.logFile}`,
      cause: error,
    });
  }
  return name;
}
