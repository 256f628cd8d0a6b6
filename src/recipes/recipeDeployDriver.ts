import type { DeployFunction } from "../config/StagingConfig.js";
import type { DeployDriver, DeploySpec } from "../drivers/deploy/index.js";
import { ExitCode, isStagingError, StagingError } from "../errors/index.js";
import { tailFile } from "../fsutil/logTail.js";
import type { Target } from "../targets/Target.js";
import { recipeError } from "./recipeError.js";
import { targetShell } from "./targetShell.js";

/** A mode's deploy function and where its `$` runs: where the driver runs the service. */
export interface DeployFunctionRecipe {
  mode: string;
  deploy: DeployFunction;
  env: Record<string, string>;
  target: Target;
}

/**
 * A driver whose `start` first runs the mode's deploy function (a zx script) with a `$` where the
 * service runs, in the artifact's folder (or the target's home for an image), then starts the argv
 * it returns with `inner`: the process, container or release is the inner driver's, so checks,
 * stops and listings are too.
 */
export function recipeDeployDriver(inner: DeployDriver, recipe: DeployFunctionRecipe): DeployDriver {
  const field = `modes.${recipe.mode}.deploy.command`;
  const prepare = async (spec: DeploySpec, signal: AbortSignal): Promise<string[]> => {
    const $ = await targetShell({
      target: recipe.target,
      cwd: spec.artifactDir ?? (await recipe.target.home()),
      env: recipe.env,
      logFile: spec.logFile,
      signal,
      timeoutMs: 10 * 60_000,
    });
    let argv: unknown;
    try {
      argv = await recipe.deploy({
        $,
        version: spec.version,
        mode: spec.mode,
        ...(spec.artifactDir === undefined ? {} : { artifact: spec.artifactDir }),
        ...(spec.image === undefined ? {} : { image: spec.image }),
      });
    } catch (error) {
      if (signal.aborted || (isStagingError(error) && error.code !== "E_RECIPE")) throw error;
      throw new StagingError(`The ${spec.mode} deploy of ${spec.version} failed: ${recipeError(error)}`, {
        code: "E_DEPLOY_RECIPE",
        exitCode: ExitCode.nodeFailed,
        facts: {
          recipe: `${field} (a function)`,
          log: spec.logFile,
          "last lines": (await tailFile(spec.logFile)) || "(no log)",
        },
        hint: `read the log: ${spec.logFile}`,
        cause: error,
      });
    }
    if (Array.isArray(argv) && argv.length > 0 && argv.every((a) => typeof a === "string")) return argv;
    throw new StagingError(`The deploy function of mode ${spec.mode} returned no command to run`, {
      code: "E_CONFIG",
      facts: {
        field,
        expected: 'a non-empty list of strings, e.g. ["node", "{artifact}/service.mjs"]',
        got: JSON.stringify(argv) ?? String(argv),
      },
      hint: "end the function with `return [program, ...args]`; {port} and {artifact} are replaced",
    });
  };
  return {
    kind: inner.kind,
    start: async (spec, signal) =>
      inner.start({ ...spec, command: await prepare(spec, signal ?? new AbortController().signal) }, signal),
    check: (dep) => inner.check(dep),
    stop: (dep) => inner.stop(dep),
    list: () => inner.list(),
  };
}
