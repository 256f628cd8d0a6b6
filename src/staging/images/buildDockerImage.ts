import { readFile } from "node:fs/promises";
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
  tag: string;
  buildArgs: Record<string, string>;
  logFile: string;
  signal: AbortSignal;
}

/**
 * Builds the mode's image on the target. A remote target gets the context uploaded to its
 * version root first (skipped when unchanged) and the Dockerfile beside it.
 */
export async function buildDockerImage(b: DockerBuild): Promise<string> {
  const docker = new DockerCli(b.target);
  const dockerfileLocal = resolve(b.workspaceRoot, b.recipe.dockerfile);
  let contextDir = b.contextDir;
  let dockerfile = dockerfileLocal;
  if (b.target.kind !== "local") {
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
    tag: b.tag,
    buildArgs: b.buildArgs,
    logFile: b.logFile,
    signal: b.signal,
    labels: { "staging.version": b.slug, "staging.mode": b.mode },
  };
  return docker.build(b.recipe.platform ? { ...options, platform: b.recipe.platform } : options);
}
