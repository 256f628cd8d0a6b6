import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdir, rename, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import type { BuildRecipe } from "../../config/StagingConfig.js";
import { ExitCode, isStagingError, StagingError, translateFsError } from "../../errors/index.js";
import type { Target } from "../../targets/Target.js";
import { tailFile } from "../../fsutil/logTail.js";
import { runBuildFunction } from "../../recipes/runBuildFunction.js";
import { expandPlaceholders } from "./expandPlaceholders.js";
import { buildInputs, findSharedBuild, recordSharedBuild } from "./sharedBuilds.js";
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

/** Builds of the same inputs under way in this process: the second waits for the first. */
const underWay = new Map<string, Promise<Artifact>>();

/**
 * The mode's artifact. Artifacts are addressed by content: when the same inputs (snapshot content,
 * command, environment, machine; see `buildInputs`) were built before, that artifact is the
 * answer and nothing runs, so two versions with identical snapshots share one build (each
 * version's image manifest still names it). Otherwise the build runs.
 */
export async function buildArtifact(b: ArtifactBuild): Promise<Artifact> {
  const inputs = await buildInputs(b);
  if (!inputs) return runBuild(b);
  const pending = underWay.get(inputs);
  // A build of the same inputs that fails elsewhere is not this node's failure: it builds itself.
  const sibling = pending ? await pending.catch(() => undefined) : undefined;
  if (sibling) return reuse(b, sibling);
  let found = false;
  // Registered before its first await, so a build of the same inputs that starts meanwhile waits
  // for this one instead of looking in the store, finding nothing yet and building too.
  const work = (async () => {
    const earlier = await findSharedBuild(b, inputs);
    if (earlier) {
      found = true;
      return earlier;
    }
    const artifact = await runBuild(b);
    await recordSharedBuild(b, inputs, artifact);
    return artifact;
  })();
  underWay.set(inputs, work);
  try {
    const artifact = await work;
    return found ? await reuse(b, artifact) : artifact;
  } finally {
    if (underWay.get(inputs) === work) underWay.delete(inputs);
  }
}

async function reuse(b: ArtifactBuild, earlier: Artifact): Promise<Artifact> {
  await appendFile(b.logFile, `same inputs as an earlier build: ${earlier.dir} (nothing to run)\n`);
  return earlier;
}

/**
 * Runs the mode's build command into a fresh folder (its cwd, outside the snapshot), then files
 * the result under its content digest. A failed build leaves nothing behind but its log.
 */
async function runBuild(b: ArtifactBuild): Promise<Artifact> {
  const artifacts = join(b.stagingDir, "artifacts");
  const out = join(artifacts, `tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(out, { recursive: true });
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
    // A folder of that digest whose content was changed since is replaced, not trusted.
    if (existsSync(final) && treeContentDigest(final).digest === digest)
      await rm(out, { recursive: true, force: true });
    else {
      await rm(final, { recursive: true, force: true });
      await rename(out, final);
    }
    return { dir: relative(b.workspaceRoot, final), digest, files };
  } catch (error) {
    await rm(out, { recursive: true, force: true }).catch(() => {});
    throw translateFsError(error, {
      action: `store the ${b.mode} build of ${b.slug}`,
      exitCode: ExitCode.nodeFailed,
    });
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

const FS_TROUBLE =
  /\b(ENOSPC|EDQUOT|EROFS)\b|no space left on device|disk quota exceeded|read-only file system/i;

async function buildFailed(b: ArtifactBuild, argv: string[], what: string): Promise<StagingError> {
  const lastLines = (await tailFile(b.logFile)) || "(no log)";
  // A full or read-only disk is not the tool's fault: say so, not the recipe's install hint.
  const fsTrouble = FS_TROUBLE.exec(lastLines)?.[0];
  const hint = fsTrouble
    ? `the build could not write (${fsTrouble}): free space on, or remount read-write, the file system that holds ${b.stagingDir}, then run the same command again`
    : (b.recipe.hint ?? `read the log: ${b.logFile}`);
  return new StagingError(`The ${b.mode} build of ${b.slug} failed: ${what}`, {
    code: "E_IMAGE_BUILD",
    exitCode: ExitCode.nodeFailed,
    facts: {
      node: b.nodeId,
      command: argv.join(" "),
      log: b.logFile,
      "last lines": lastLines,
    },
    hint,
  });
}
