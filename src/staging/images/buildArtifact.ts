import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import type { BuildRecipe } from "../../config/StagingConfig.js";
import { ExitCode, isStagingError, StagingError } from "../../errors/index.js";
import type { Target } from "../../targets/Target.js";
import { tailFile } from "../../fsutil/logTail.js";
import { runBuildFunction } from "../../recipes/runBuildFunction.js";
import { expandPlaceholders } from "./expandPlaceholders.js";
import { treeContentDigest } from "./treeContentDigest.js";

export interface ArtifactBuild {
  nodeId: string;
  target: Target;
  workspaceRoot: string;
  stagingDir: string;
  slug: string;
  mode: string;
  snapshotDir: string;
  recipe: BuildRecipe & { command: NonNullable<BuildRecipe["command"]> };
  logFile: string;
  signal: AbortSignal;
}

/** A built artifact: a content-addressed folder under `.staging/artifacts/`. */
export interface Artifact {
  /** Relative to the workspace, so a store copied elsewhere still points at it. */
  dir: string;
  digest: string;
  files: number;
}

/**
 * Runs the mode's build command into a fresh folder (its cwd, outside the snapshot), then files
 * the result under its content digest. A failed build leaves nothing behind but its log.
 */
export async function buildArtifact(b: ArtifactBuild): Promise<Artifact> {
  const artifacts = join(b.stagingDir, "artifacts");
  const out = join(artifacts, `tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(out, { recursive: true });
  try {
    const values = {
      snapshot: b.snapshotDir,
      out,
      version: b.slug,
      mode: b.mode,
      workspace: b.workspaceRoot,
    };
    const command = b.recipe.command;
    // A build function (a zx script) runs through its own file; an argument list runs here.
    const argv =
      typeof command === "function"
        ? await runBuildFunction({ ...b, build: command }, values)
        : await runBuildCommand(b, expandPlaceholders(command, values, `modes.${b.mode}.build.command`), out);
    const { digest, files } = treeContentDigest(out);
    if (files === 0) throw await buildFailed(b, argv, "the command wrote nothing into {out}");
    const final = join(artifacts, digest);
    if (existsSync(final)) await rm(out, { recursive: true, force: true });
    else await rename(out, final);
    return { dir: relative(b.workspaceRoot, final), digest, files };
  } catch (error) {
    await rm(out, { recursive: true, force: true });
    throw error;
  }
}

async function runBuildCommand(b: ArtifactBuild, argv: string[], out: string): Promise<string[]> {
  const result = await b.target
    .run(argv, {
      cwd: out,
      env: b.recipe.env ?? {},
      logFile: b.logFile,
      signal: b.signal,
      timeoutMs: 30 * 60_000,
    })
    .catch(async (error: unknown) => {
      throw isStagingError(error) && error.code === "E_TARGET_NOT_FOUND"
        ? await buildFailed(b, argv, error.message)
        : error;
    });
  if (result.exitCode !== 0) throw await buildFailed(b, argv, `exit code ${result.exitCode}`);
  return argv;
}

async function buildFailed(b: ArtifactBuild, argv: string[], what: string): Promise<StagingError> {
  return new StagingError(`The ${b.mode} build of ${b.slug} failed: ${what}`, {
    code: "E_IMAGE_BUILD",
    exitCode: ExitCode.nodeFailed,
    facts: {
      node: b.nodeId,
      command: argv.join(" "),
      log: b.logFile,
      "last lines": (await tailFile(b.logFile)) || "(no log)",
    },
    hint: b.recipe.hint ?? `read the log: ${b.logFile}`,
  });
}
