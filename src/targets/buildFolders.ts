import { randomBytes } from "node:crypto";
import { join, posix } from "node:path";
import { resolveRemotePath, versionRoot } from "./remoteProjectDir.js";
import type { Target } from "./Target.js";
import { uploadSnapshot } from "./uploadSnapshot.js";

/** A build of one version in one mode, on a target. */
export interface BuildPlace {
  target: Target;
  /** The remote project dir, for targets other than this machine. */
  projectDir: string;
  stagingDir: string;
  slug: string;
  mode: string;
  /** The version's snapshot here, and its fingerprint (an unchanged one is not uploaded again). */
  snapshotDir: string;
  snapshotDigest: string;
}

/**
 * Where a build on the target reads the snapshot (this machine's copy, or the one uploaded to a
 * remote target) and the scratch folder it may write: unique under the store's tmp here, one per
 * version and mode under the version's folder there. The caller creates and removes the scratch.
 */
export async function buildFolders(b: BuildPlace): Promise<{ snapshot: string; scratch: string }> {
  if (b.target.kind === "local") {
    const scratch = join(b.stagingDir, "tmp", `build-${b.slug}-${b.mode}-${randomBytes(4).toString("hex")}`);
    return { snapshot: b.snapshotDir, scratch };
  }
  const { remoteDir } = await uploadSnapshot(b.target, {
    localDir: b.snapshotDir,
    projectDir: b.projectDir,
    slug: b.slug,
    fingerprint: b.snapshotDigest,
  });
  const scratch = posix.join(
    versionRoot(await resolveRemotePath(b.target, b.projectDir), b.slug),
    `build-${b.mode}`,
  );
  return { snapshot: remoteDir, scratch };
}
