import { join } from "node:path";
import type { FileInput } from "../../engine/TaskNode.js";
import type { TreeFingerprint } from "../../filehash/recentTrees.js";
import type { VersionRecord } from "./VersionEntry.js";

/** A hasher that knows the prototype's fingerprint of a tree (`FsFileHasher`). */
export interface Fingerprinter {
  fingerprint(input: FileInput): Promise<TreeFingerprint>;
}

/**
 * Each version's snapshot fingerprint (the prototype's), for `staging versions`: through the same
 * stat cache as the fingerprint nodes of `make` (the same file input), so a snapshot unchanged
 * since a scan that read it costs its stat calls only, and one never scanned is read once and
 * cached for `make` too. Needs neither the graph nor a target.
 */
export async function versionFingerprints(
  hasher: Fingerprinter,
  versions: readonly Pick<VersionRecord, "slug" | "dir">[],
): Promise<Map<string, string>> {
  const found = await Promise.all(
    versions.map((v) => hasher.fingerprint({ name: "snapshot", root: join(v.dir, "snapshot") })),
  );
  return new Map(versions.map((v, i) => [v.slug, found[i]!.fingerprint]));
}
