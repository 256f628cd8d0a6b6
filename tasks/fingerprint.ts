import { defineTask } from "../src/engine/defineTask.js";
import { hashedSnapshotFingerprint } from "../src/staging/fingerprint/snapshotFingerprint.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";

export interface FingerprintParams {
  slug: string;
  snapshotDir: string;
}

/** The content digest of a version's snapshot tree: what every image of the version is built from. */
export interface FingerprintOutput {
  snapshot_fingerprint: string;
  files: number;
}

export const fingerprintTask = defineTask<FingerprintParams, FingerprintOutput, { slug: string }>({
  name: "fingerprint",
  // 2: the prototype's order (component by component) and its handling of symlinks.
  version: "2",
  id: (p) => nodeIds.fingerprint(p.slug),
  pure: true,
  outputFromKey: true,
  inputs: (p) => ({ files: [{ name: "snapshot", root: p.snapshotDir }] }),
  // The snapshot was read by the scan that made this node's key, in the same pass as its hashes.
  run: async (p, ctx) => {
    const { digest, files, keyed } = await hashedSnapshotFingerprint(
      p.snapshotDir,
      ctx.inputDigests.snapshot!,
    );
    if (!keyed) ctx.inputsChanged();
    return { snapshot_fingerprint: digest, files };
  },
});
