import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BuildRecipe } from "../src/config/StagingConfig.js";
import { DockerCli } from "../src/drivers/docker/index.js";
import { defineTask } from "../src/engine/defineTask.js";
import { canonicalJson, sha256Hex } from "../src/engine/hashing.js";
import { StagingError } from "../src/errors/index.js";
import { buildArtifact, type Artifact } from "../src/staging/images/buildArtifact.js";
import { buildDockerImage } from "../src/staging/images/buildDockerImage.js";
import { checkArtifact } from "../src/staging/images/checkArtifact.js";
import { freshLog } from "../src/staging/images/buildLog.js";
import { writeImageManifest } from "../src/staging/images/imageManifest.js";
import { imageTag } from "../src/staging/images/imageTag.js";
import type { Target, TargetIdentity } from "../src/targets/Target.js";
import type { FingerprintOutput } from "./fingerprint.js";

export interface ImageParams {
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

/** A mode's built form: an artifact folder in the store, or a Docker image on the target. */
export interface ImageOutput {
  kind: "artifact" | "docker";
  /** The artifact folder (relative to the workspace) or the image tag. */
  image_ref: string;
  /** The artifact's content digest or the image id. */
  image_id: string;
  build_fingerprint: string;
  snapshot_fingerprint: string;
  artifact: Artifact | null;
}

export const imageTask = defineTask<ImageParams, ImageOutput>({
  name: "image",
  version: "1",
  id: (p) => `image:${p.slug}:${p.mode}`,
  deps: (p) => [`fingerprint:${p.slug}`],
  inputs: (p) => ({
    values: {
      recipe: recipeKey(p.recipe, p.configDir),
      builder: p.builder,
      // The machine, not its tool list: installing docker must not rebuild every artifact.
      builtOn: p.recipe.command
        ? { id: p.localIdentity.id, os: p.localIdentity.os, arch: p.localIdentity.arch }
        : null,
      target: p.builder === "docker" ? p.targetIdentity : null,
    },
    // The snapshot itself too: a build reads it, so an edit during the build leaves the node stale.
    files: [
      { name: "snapshot", root: join(p.versionDir, "snapshot") },
      ...(p.builder === "docker" && p.recipe.dockerfile
        ? [{ name: "recipe", root: p.workspaceRoot, include: [p.recipe.dockerfile] }]
        : []),
    ],
  }),
  run: async (p, ctx) => {
    const snapshot = (ctx.upstream[`fingerprint:${p.slug}`] as FingerprintOutput).snapshot_fingerprint;
    const buildFingerprint = buildFingerprintOf(p);
    const logFile = await freshLog(p.stagingDir, ctx.id);
    const command = p.recipe.command;
    const local = {
      nodeId: ctx.id,
      workspaceRoot: p.workspaceRoot,
      stagingDir: p.stagingDir,
      slug: p.slug,
      mode: p.mode,
      logFile,
      signal: ctx.signal,
    };
    const snapshotDir = join(p.versionDir, "snapshot");
    const artifact = command
      ? await buildArtifact({ ...local, target: p.local, snapshotDir, recipe: { ...p.recipe, command } })
      : null;
    let output: ImageOutput;
    if (p.builder === "docker") {
      const dockerfile = requireDockerfile(p);
      const tag = imageTag(p.workspaceName, p.slug, p.mode, sha256Hex(snapshot + buildFingerprint));
      const contextDir = artifact ? resolve(p.workspaceRoot, artifact.dir) : snapshotDir;
      const buildArgs = {
        STAGING_VERSION: p.slug,
        STAGING_BUILD_FINGERPRINT: buildFingerprint,
        ...(p.recipe.buildArgs ?? {}),
      };
      const id = await buildDockerImage({
        ...local,
        target: p.target,
        projectDir: p.projectDir,
        contextDir,
        contextDigest: artifact?.digest ?? snapshot,
        recipe: { ...p.recipe, dockerfile },
        tag,
        buildArgs,
      });
      output = {
        kind: "docker",
        image_ref: tag,
        image_id: id,
        build_fingerprint: buildFingerprint,
        snapshot_fingerprint: snapshot,
        artifact,
      };
    } else {
      if (!artifact) throw noRecipe(p);
      output = {
        kind: "artifact",
        image_ref: artifact.dir,
        image_id: artifact.digest,
        build_fingerprint: buildFingerprint,
        snapshot_fingerprint: snapshot,
        artifact,
      };
    }
    await writeImageManifest(p.versionDir, p.mode, {
      ...pick(output),
      built_at: new Date().toISOString(),
      target: `${p.target.name} ${p.targetIdentity.id}`,
    });
    return output;
  },
  check: async (p, record) => {
    const out = record.output;
    if (out.kind === "artifact") return checkArtifact(p, out);
    const id = await new DockerCli(p.target).imageId(out.image_ref);
    if (id === null) return { ok: false, reason: "image-missing" };
    return id === out.image_id ? { ok: true } : { ok: false, reason: "image-id-mismatch" };
  },
});

/** The recipe as it enters the key: what changes the build, not the hint text. */
function recipeKey(recipe: BuildRecipe, configDir: string | undefined): unknown {
  const { hint: _hint, ...rest } = recipe;
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

function buildFingerprintOf(p: ImageParams): string {
  const dockerfile =
    p.builder === "docker" && p.recipe.dockerfile
      ? readFileSync(resolve(p.workspaceRoot, p.recipe.dockerfile), "utf8")
      : null;
  return sha256Hex(
    canonicalJson({ recipe: recipeKey(p.recipe, p.configDir), builder: p.builder, dockerfile }),
  );
}

function pick(o: ImageOutput) {
  return {
    image_ref: o.image_ref,
    image_id: o.image_id,
    build_fingerprint: o.build_fingerprint,
    snapshot_fingerprint: o.snapshot_fingerprint,
    kind: o.kind,
  };
}

function requireDockerfile(p: ImageParams): string {
  if (p.recipe.dockerfile) return p.recipe.dockerfile;
  throw new StagingError(`Mode ${p.mode} has no Dockerfile, and the builder is docker`, {
    code: "E_CONFIG",
    facts: {
      field: `modes.${p.mode}.build.dockerfile`,
      expected: "a Dockerfile path relative to the workspace",
    },
    hint: 'set modes.<mode>.build.dockerfile, or builder: "artifact"',
  });
}

function noRecipe(p: ImageParams): StagingError {
  return new StagingError(`Mode ${p.mode} has no build command`, {
    code: "E_CONFIG",
    facts: {
      field: `modes.${p.mode}.build.command`,
      expected: "an argument list that writes the artifact into {out}",
    },
  });
}
