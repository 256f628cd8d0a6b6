import { relative } from "node:path";
import { snapshotBuildRecipe } from "../../config/snapshotBuildRecipe.js";
import type { BuildRecipe } from "../../config/StagingConfig.js";
import { DockerCli } from "../../drivers/docker/index.js";
import { isStagingError, StagingError } from "../../errors/index.js";
import type { Target } from "../../targets/Target.js";

/** One image a command is about to build: a version, a mode and the mode's recipe as configured. */
export interface PlannedBuild {
  slug: string;
  mode: string;
  /** `versions/<slug>` (absolute). */
  versionDir: string;
  recipe: BuildRecipe;
}

export interface PreflightOptions {
  workspaceRoot: string;
  builder: "artifact" | "docker";
  /** Whether a workspace-relative path exists (the recipe's files in the snapshot). */
  exists: (workspacePath: string) => boolean;
}

/**
 * Checks, before anything runs, that the target can build these images: each version's snapshot
 * has the file its recipe builds from (a Dockerfile, or the build script), docker answers on the
 * target when images are docker images, and bash is there for a build script. Every problem is
 * named in one error (E_BUILD_PREFLIGHT): which tool is missing where, which file is missing for
 * which version and mode.
 */
export async function preflightBuild(
  target: Target,
  builds: readonly PlannedBuild[],
  options: PreflightOptions,
): Promise<void> {
  const facts: Record<string, string> = {};
  const needs = new Map<"docker" | "bash", Set<string>>();
  const need = (tool: "docker" | "bash", mode: string) =>
    needs.set(tool, (needs.get(tool) ?? new Set()).add(mode));
  for (const build of builds) {
    const recipe = snapshotBuildRecipe(
      build.recipe,
      { workspaceRoot: options.workspaceRoot, versionDir: build.versionDir },
      options.exists,
    );
    if (options.builder !== "docker") continue;
    need("docker", build.mode);
    if (recipe.script !== undefined) need("bash", build.mode);
    else if (recipe.dockerfile !== undefined && !options.exists(recipe.dockerfile))
      facts[`${build.slug} ${build.mode}`] = missingFile(build, recipe.dockerfile, options.workspaceRoot);
  }
  if (needs.has("docker")) {
    const problem = await dockerProblem(target);
    if (problem) facts.docker = `${problem} (needed by ${[...needs.get("docker")!].join(", ")})`;
  }
  if (needs.has("bash") && !(await answers(target, ["bash", "-c", "true"])))
    facts.bash = `not found on ${target.name} (needed by the build script of ${[...needs.get("bash")!].join(", ")})`;
  if (Object.keys(facts).length === 0) return;
  throw new StagingError(`Cannot build on ${target.name}: ${Object.keys(facts).map(what).join(", ")}`, {
    code: "E_BUILD_PREFLIGHT",
    facts: { target: target.name, ...facts },
    hint: "install what is missing on the target, or add the file to the version's snapshot; nothing was built",
  });
}

function what(fact: string): string {
  return fact === "docker" || fact === "bash" ? `${fact} is missing` : `${fact} has nothing to build from`;
}

function missingFile(build: PlannedBuild, dockerfile: string, workspaceRoot: string): string {
  const inSnapshot = (path: string) =>
    relative(`${relative(workspaceRoot, build.versionDir)}/snapshot`, path);
  const script = build.recipe.script
    ? snapshotBuildRecipe(
        { script: build.recipe.script },
        { workspaceRoot, versionDir: build.versionDir },
        () => false,
      ).script
    : undefined;
  const wanted = [dockerfile, ...(script ? [script] : [])].map(inSnapshot);
  return `the snapshot has no ${wanted.join(" and no ")} (${dockerfile})`;
}

async function dockerProblem(target: Target): Promise<string | null> {
  try {
    await new DockerCli(target).serverVersion();
    return null;
  } catch (error) {
    if (!isStagingError(error) || (error.code !== "E_DOCKER_UNAVAILABLE" && error.code !== "E_DOCKER"))
      throw error;
    const notFound = isStagingError(error.cause) && error.cause.code === "E_TARGET_NOT_FOUND";
    return notFound ? `docker is not installed on ${target.name}` : error.message;
  }
}

async function answers(target: Target, argv: string[]): Promise<boolean> {
  try {
    return (await target.run(argv, { timeoutMs: 30_000 })).exitCode === 0;
  } catch (error) {
    if (isStagingError(error) && error.code === "E_TARGET_NOT_FOUND") return false;
    throw error;
  }
}
