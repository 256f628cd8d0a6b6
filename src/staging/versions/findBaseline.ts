import type { Workspace } from "../workspace/Workspace.js";
import { listVersions } from "./listVersions.js";
import type { VersionEntry } from "./VersionEntry.js";

/** The current baseline, or null when the workspace has none; throws E_TWO_BASELINES when it has several. */
export async function findBaseline(ws: Workspace): Promise<VersionEntry | null> {
  return (await listVersions(ws)).find((v) => v.status === "baseline") ?? null;
}
