import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { atomicWrite } from "../../fsutil/atomicWrite.js";

/** One mode's entry of `versions/<slug>/images/manifest.json`, in the prototype's field names. */
export interface ImageManifestEntry {
  image_ref: string;
  image_id: string;
  build_fingerprint: string;
  snapshot_fingerprint: string;
  built_at: string;
  target: string;
  kind: "artifact" | "docker";
}

/**
 * Records a mode's image in the version's manifest.json (atomically), keeping the other modes'
 * entries and any fields the file already had.
 */
export function writeImageManifest(
  versionDir: string,
  mode: string,
  entry: ImageManifestEntry,
): Promise<void> {
  const path = join(versionDir, "images", "manifest.json");
  // The modes of a version build concurrently: their read-modify-writes of one file take turns
  // (only one process writes, under the workspace lock).
  const turn = (pending.get(path) ?? Promise.resolve()).then(() => update(path, mode, entry));
  pending.set(
    path,
    turn.catch(() => {}),
  );
  return turn;
}

const pending = new Map<string, Promise<void>>();

async function update(path: string, mode: string, entry: ImageManifestEntry): Promise<void> {
  let current: { modes?: Record<string, unknown> } & Record<string, unknown> = {};
  try {
    current = JSON.parse(await readFile(path, "utf8")) as typeof current;
  } catch {
    current = {};
  }
  const modes = { ...(current.modes ?? {}), [mode]: entry };
  const sorted = Object.fromEntries(
    Object.keys(modes)
      .sort()
      .map((k) => [k, modes[k]]),
  );
  await atomicWrite(path, JSON.stringify({ ...current, modes: sorted }, null, 2) + "\n");
}
