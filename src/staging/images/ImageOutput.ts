import type { Artifact } from "./buildArtifact.js";

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
