import { appendFile, readFile } from "node:fs/promises";
import { posix, resolve } from "node:path";
import type { BuildRecipe } from "../../config/StagingConfig.js";
import { DockerCli } from "../../drivers/docker/index.js";
import type { Target } from "../../targets/Target.js";
import { resolveRemotePath, versionRoot } from "../../targets/remoteProjectDir.js";
import { uploadSnapshot } from "../../targets/uploadSnapshot.js";

export interface DockerBuild {
  target: Target;
  workspaceRoot: string;
  /** The remote project dir, for targets other than this machine. */
  projectDir: string;
  slug: string;
  mode: string;
  /** The local build context: the artifact folder, or the snapshot. */
  contextDir: string;
  /** Digest of the context, so an unchanged one is not uploaded again. */
  contextDigest: string;
  recipe: BuildRecipe & { dockerfile: string };
  /** The version's tag. */
  tag: string;
  /** The tag named by the build's inputs alone (context, recipe, docker), shared by every version built from them. */
  contentTag: string;
  /** Build even where the content tag names an image already (a forced rebuild: a new base image, say). */
  fresh: boolean;
  buildArgs: Record<string, string>;
  logFile: string;
  signal: AbortSignal;
}

/** Builds of a content tag under way in this process, by target: a second one waits for the first. */
const building = new Map<string, Promise<{ id: string; built: boolean }>>();

/**
 * The mode's image for a version, on the target: built once per content, under `contentTag`
 * (named by the context's digest, the recipe and docker's version), which the version's tag then
 * names too. A second version with a byte-identical context under the same recipe gets the first
 * one's image by a `docker tag`, with nothing built; two such builds at once build once. So nothing in the
 * build comes from the version: no STAGING_VERSION build argument (a deployment gets it in its
 * environment) and no version label. Returns the image id the version's tag names.
 */
export async function buildDockerImage(b: DockerBuild): Promise<string> {
  const docker = new DockerCli(b.target);
  const key = `${b.target.name}\0${b.contentTag}`;
  // Registered before the first await: a build started meanwhile must find this one. A forced
  // build joins none: it is asked to build.
  let shared = b.fresh ? undefined : building.get(key);
  const mine = shared === undefined;
  if (!shared) {
    shared = contentImage(docker, b).finally(() => building.delete(key));
    building.set(key, shared);
  }
  const { id, built } = await shared;
  if (!(mine && built))
    await appendFile(b.logFile, `same content as ${b.contentTag}: tagged ${b.tag}, nothing built\n`);
  await docker.tag(b.contentTag, b.tag);
  return (await docker.imageId(b.tag)) ?? id;
}

/** The image of the content tag: the one there, else one built under it. */
async function contentImage(docker: DockerCli, b: DockerBuild): Promise<{ id: string; built: boolean }> {
  const existing = b.fresh ? null : await docker.imageId(b.contentTag);
  if (existing !== null) return { id: existing, built: false };
  const dockerfileLocal = resolve(b.workspaceRoot, b.recipe.dockerfile);
  let contextDir = b.contextDir;
  let dockerfile = dockerfileLocal;
  if (b.target.kind !== "local") {
    // A remote target gets the context in the version's root first (skipped when unchanged), the Dockerfile beside it.
    const root = versionRoot(await resolveRemotePath(b.target, b.projectDir), b.slug);
    const upload = await uploadSnapshot(b.target, {
      localDir: b.contextDir,
      projectDir: b.projectDir,
      slug: b.slug,
      fingerprint: b.contextDigest,
    });
    contextDir = upload.remoteDir;
    dockerfile = posix.join(root, `${b.mode}.Dockerfile`);
    await b.target.writeFile(dockerfile, await readFile(dockerfileLocal, "utf8"));
  }
  const options = {
    contextDir,
    dockerfile,
    tag: b.contentTag,
    buildArgs: b.buildArgs,
    logFile: b.logFile,
    signal: b.signal,
    labels: { "staging.mode": b.mode },
  };
  const id = await docker.build(b.recipe.platform ? { ...options, platform: b.recipe.platform } : options);
  return { id, built: true };
}
