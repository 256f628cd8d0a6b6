import { posix } from "node:path";
import { StagingError } from "../errors/StagingError.js";
import { resolveRemotePath, versionRoot } from "./remoteProjectDir.js";
import type { Target } from "./Target.js";
import { fileError } from "./targetErrors.js";

export interface SnapshotUpload {
  /** The version's snapshot folder on this machine. */
  localDir: string;
  /** The remote project dir (`~/staging-project`, or E2E_REMOTE_PROJECT_DIR). */
  projectDir: string;
  slug: string;
  /** The snapshot's fingerprint (tree digest); an unchanged one is not uploaded again. */
  fingerprint: string;
}

export interface SnapshotUploadResult {
  /** `<project>/versions/<slug>/snapshot` on the target, absolute. */
  remoteDir: string;
  /** `<project>/versions/<slug>/snapshot.fingerprint`, the marker beside it. */
  markerFile: string;
  uploaded: boolean;
}

/**
 * Puts a version's snapshot at `<project>/versions/<slug>/snapshot` on the target, keyed by its
 * fingerprint. The marker is removed before a replacement and written after it, so a crash in
 * between leaves no marker and the next call uploads again; the tree itself is swapped in whole.
 */
export async function uploadSnapshot(target: Target, upload: SnapshotUpload): Promise<SnapshotUploadResult> {
  if (!/^[\x21-\x7e]+$/.test(upload.fingerprint)) {
    throw new StagingError("invalid snapshot fingerprint", {
      code: "E_FINGERPRINT",
      facts: { fingerprint: upload.fingerprint },
    });
  }
  const root = versionRoot(await resolveRemotePath(target, upload.projectDir), upload.slug);
  const remoteDir = posix.join(root, "snapshot");
  const markerFile = posix.join(root, "snapshot.fingerprint");
  if (await isCurrent(target, remoteDir, markerFile, upload.fingerprint))
    return { remoteDir, markerFile, uploaded: false };
  const removed = await target.run(["rm", "-f", "--", markerFile], { timeoutMs: 60_000 });
  if (removed.exitCode !== 0) throw fileError(target.name, "remove", markerFile, removed.stderr);
  await target.uploadTree(upload.localDir, remoteDir);
  await target.writeFile(markerFile, `${upload.fingerprint}\n`);
  return { remoteDir, markerFile, uploaded: true };
}

async function isCurrent(target: Target, dir: string, marker: string, fingerprint: string): Promise<boolean> {
  const result = await target.run(["sh", "-c", 'test -d "$1" && cat -- "$2"', "sh", dir, marker], {
    timeoutMs: 60_000,
  });
  return result.exitCode === 0 && result.stdout.trim() === fingerprint;
}
