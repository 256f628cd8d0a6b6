import type { VersionStatus } from "./VersionStatus.js";

/**
 * Where a version's `parent` points: `version` (a `version:<slug>` present in the workspace), `outside`
 * (a `version:<slug>` not in the folder), `none`, or `opaque` (anything else, e.g. the prototype's
 * literal `baseline` or `decompiled:docker-image:<ref>`).
 */
export type ParentOrigin = "version" | "outside" | "none" | "opaque";

/** One version as read from `versions/<slug>/version.yaml`. */
export interface VersionRecord {
  slug: string;
  status: VersionStatus;
  /** `parent` exactly as written. */
  parent: string;
  /** `created_at` exactly as written (with or without microseconds). */
  createdAt: string;
  /** `versions/<slug>` (absolute). */
  dir: string;
  /** `versions/<slug>/version.yaml` (absolute). */
  file: string;
  /** Every field of version.yaml, known or not. */
  fields: Record<string, unknown>;
  /** The file's text, for round-trip rewrites. */
  text: string;
  /** Unknown keys close to known ones (`statsu`), as warning lines naming the file and line. */
  warnings?: readonly string[];
}

/** A version with its parent resolved against the other versions of the workspace. */
export interface VersionEntry extends VersionRecord {
  /** The parent's slug when `parent` is `version:<slug>` and that version is in the workspace. */
  parentSlug: string | null;
  origin: ParentOrigin;
}
