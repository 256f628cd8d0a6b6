import { defineTask } from "../src/engine/defineTask.js";
import { snapshotFingerprint } from "../src/staging/fingerprint/snapshotFingerprint.js";
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
  version: "1",
  id: (p) => nodeIds.fingerprint(p.slug),
  pure: true,
  inputs: (p) => ({ files: [{ name: "snapshot", root: p.snapshotDir }] }),
  run: async (p) => {
    const { digest, files } = snapshotFingerprint(p.snapshotDir);
    return { snapshot_fingerprint: digest, files };
  },
});
