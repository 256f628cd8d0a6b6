import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BuildRecipe } from "../../config/StagingConfig.js";
import { DockerCli } from "../../drivers/docker/index.js";
import { canonicalJson, sha256Hex } from "../../engine/hashing.js";
import type { CheckResult } from "../../engine/TaskNode.js";
import { StagingError } from "../../errors/index.js";
import type { Target, TargetIdentity } from "../../targets/Target.js";
import { buildFunctionImage } from "../../recipes/buildFunctionImage.js";
import { recipeSource } from "../../recipes/recipeSource.js";
import { buildArtifact, type Artifact } from "./buildArtifact.js";
import { buildScriptImage, scriptInSnapshot } from "./buildScriptImage.js";
import { checkArtifact } from "./checkArtifact.js";
import { buildDockerImage } from "./buildDockerImage.js";
import { freshLog } from "./buildLog.js";
import { writeImageManifest } from "./imageManifest.js";
import { imageTag } from "./imageTag.js";
import type { ImageOutput } from "./ImageOutput.js";

/** Everything one image build needs: the version, the mode's recipe, and where it builds. */
export interface ImageBuild {
  slug: string;
  mode: string;
  workspaceRoot: string;
  workspaceName: string;
  stagingDir: string;
  versionDir: string;
  recipe: BuildRecipe;
  builder: "artifact" | "docker";
  /** The config file's folder: tool paths under it enter keys relative to it. */
  configDir: string | undefined;
  /** Where docker builds run. */
  target: Target;
  targetIdentity: TargetIdentity;
  /** This machine: build commands (artifacts) always run here. */
  local: Target;
  localIdentity: TargetIdentity;
  projectDir: string;
}

/**
 * Builds a version's mode: the recipe's command into a content-addressed artifact, then (docker
 * builder) an image on the target from it or from the snapshot; records it in images/manifest.json.
 */
export async function buildImage(
  b: ImageBuild,
  snapshotFingerprint: string,
  /** `fresh`: a Docker image is built again even where one of the same content is there (a forced node). */
  at: { nodeId: string; signal: AbortSignal; fresh?: boolean },
): Promise<ImageOutput> {
  const buildFingerprint = buildFingerprintOf(b);
  const logFile = await freshLog(b.stagingDir, at.nodeId);
  const command = b.recipe.command;
  const local = {
    ...at,
    workspaceRoot: b.workspaceRoot,
    stagingDir: b.stagingDir,
    slug: b.slug,
    mode: b.mode,
    logFile,
  };
  const snapshotDir = join(b.versionDir, "snapshot");
  // A build function with the docker builder and no Dockerfile builds the image on the target itself.
  const onTarget = typeof command === "function" && b.builder === "docker" && !b.recipe.dockerfile;
  const artifact =
    command && !onTarget
      ? await buildArtifact({ ...local, target: b.local, snapshotDir, recipe: { ...b.recipe, command } })
      : null;
  let output: ImageOutput;
  if (b.builder === "docker") {
    const tag = imageTag(b.workspaceName, b.slug, b.mode, sha256Hex(snapshotFingerprint + buildFingerprint));
    const script = b.recipe.script;
    // A build function on the target, or the seed's native build (the snapshot's own script), or a Dockerfile.
    const id = onTarget
      ? await buildFunctionImage({
          ...local,
          target: b.target,
          projectDir: b.projectDir,
          snapshotDir,
          snapshotDigest: snapshotFingerprint,
          recipe: b.recipe,
          build: command,
          tag,
        })
      : script
        ? await buildScriptImage({
            target: b.target,
            projectDir: b.projectDir,
            stagingDir: b.stagingDir,
            slug: b.slug,
            mode: b.mode,
            snapshotDir,
            snapshotDigest: snapshotFingerprint,
            script: scriptInSnapshot(b.workspaceRoot, snapshotDir, script),
            tag,
            logFile,
            signal: at.signal,
          })
        : await dockerfileImage(b, {
            ...local,
            snapshotDir,
            artifact,
            tag,
            contentTag: contentTag(b, artifact, snapshotFingerprint, buildFingerprint),
            fresh: at.fresh ?? false,
            snapshotFingerprint,
            buildFingerprint,
          });
    output = {
      kind: "docker",
      image_ref: tag,
      image_id: id,
      build_fingerprint: buildFingerprint,
      snapshot_fingerprint: snapshotFingerprint,
      artifact,
    };
  } else {
    if (!artifact) throw noCommand(b.mode);
    output = {
      kind: "artifact",
      image_ref: artifact.dir,
      image_id: artifact.digest,
      build_fingerprint: buildFingerprint,
      snapshot_fingerprint: snapshotFingerprint,
      artifact,
    };
  }
  const { artifact: _artifact, ...entry } = output;
  await writeImageManifest(b.versionDir, b.mode, {
    ...entry,
    built_at: new Date().toISOString(),
    target: `${b.target.name} ${b.targetIdentity.id}`,
  });
  return output;
}

/**
 * The name of the images tagged by content (`staging/<workspace>/content:<mode>-<inputs>`). A
 * version called `content` would share it harmlessly: the inputs in the tag name the same image.
 */
const CONTENT = "content";

/**
 * The tag of a Dockerfile build's inputs: its context (the artifact when there is one, whose
 * digest covers what the build command made of the version, the machine and the workspace; else
 * the snapshot), the recipe, and the docker that builds it.
 */
function contentTag(
  b: ImageBuild,
  artifact: Artifact | null,
  snapshotFingerprint: string,
  buildFingerprint: string,
): string {
  const context = artifact ? `artifact:${artifact.digest}` : `snapshot:${snapshotFingerprint}`;
  const docker = b.targetIdentity.tools.docker ?? null;
  const inputs = sha256Hex(canonicalJson({ context, build: buildFingerprint, docker }));
  return imageTag(b.workspaceName, CONTENT, b.mode, inputs);
}

/** `docker build` of the mode's Dockerfile, from the artifact when there is one, else the snapshot. */
async function dockerfileImage(
  b: ImageBuild,
  at: { signal: AbortSignal; logFile: string } & {
    snapshotDir: string;
    artifact: Artifact | null;
    tag: string;
    contentTag: string;
    fresh: boolean;
    snapshotFingerprint: string;
    buildFingerprint: string;
  },
): Promise<string> {
  return buildDockerImage({
    signal: at.signal,
    logFile: at.logFile,
    workspaceRoot: b.workspaceRoot,
    slug: b.slug,
    mode: b.mode,
    target: b.target,
    projectDir: b.projectDir,
    contextDir: at.artifact ? resolve(b.workspaceRoot, at.artifact.dir) : at.snapshotDir,
    contextDigest: at.artifact?.digest ?? at.snapshotFingerprint,
    recipe: { ...b.recipe, dockerfile: requireDockerfile(b) },
    tag: at.tag,
    contentTag: at.contentTag,
    fresh: at.fresh,
    buildArgs: {
      STAGING_BUILD_FINGERPRINT: at.buildFingerprint,
      ...(b.recipe.buildArgs ?? {}),
    },
  });
}

/** Is the built image still there, and the one recorded? */
export async function checkImage(b: ImageBuild, out: ImageOutput): Promise<CheckResult> {
  if (out.kind === "artifact") return checkArtifact(b, out);
  const id = await new DockerCli(b.target).imageId(out.image_ref);
  if (id === null) return { ok: false, reason: "image-missing" };
  return id === out.image_id ? { ok: true } : { ok: false, reason: "image-id-mismatch" };
}

/** The recipe as it enters the key: what changes the build, not the hint text. */
export function recipeKey(recipe: BuildRecipe, configDir: string | undefined): unknown {
  const { hint: _hint, ...rest } = recipe;
  if (typeof rest.command === "function") return { ...rest, command: recipeSource(rest.command) };
  if (!configDir || !rest.command) return rest;
  // Tools named by absolute paths inside the checkout must not tie keys to where it lives.
  const prefix = configDir.endsWith("/") ? configDir : `${configDir}/`;
  return {
    ...rest,
    command: rest.command.map((arg) =>
      arg.startsWith(prefix) ? `<config>/${arg.slice(prefix.length)}` : arg,
    ),
  };
}

function buildFingerprintOf(b: ImageBuild): string {
  const dockerfile =
    b.builder === "docker" && b.recipe.dockerfile
      ? readFileSync(resolve(b.workspaceRoot, b.recipe.dockerfile), "utf8")
      : null;
  return sha256Hex(
    canonicalJson({ recipe: recipeKey(b.recipe, b.configDir), builder: b.builder, dockerfile }),
  );
}

function requireDockerfile(b: ImageBuild): string {
  if (b.recipe.dockerfile) return b.recipe.dockerfile;
  throw new StagingError(`Mode ${b.mode} has no Dockerfile, and the builder is docker`, {
    code: "E_CONFIG",
    facts: {
      field: `modes.${b.mode}.build.dockerfile`,
      expected: "a Dockerfile path relative to the workspace",
    },
    hint: 'set modes.<mode>.build.dockerfile, or builder: "artifact"',
  });
}

function noCommand(mode: string): StagingError {
  return new StagingError(`Mode ${mode} has no build command`, {
    code: "E_CONFIG",
    facts: {
      field: `modes.${mode}.build.command`,
      expected: "an argument list that writes the artifact into {out}",
    },
  });
}
