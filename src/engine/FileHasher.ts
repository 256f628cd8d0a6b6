import { canonicalTree } from "./InputManifest.js";
import type { FileInput } from "./TaskNode.js";

/** The hashed files of one file input. */
export interface HashedTree {
  /** `treeDigest` of the files: all that a key needs. */
  readonly digest: string;
  /** Relative path -> content hash. A large tree may be materialized only when asked for. */
  files(): Record<string, string>;
  /**
   * The canonical JSON of `files()`, whose sha256 is `digest`: what the store writes, without
   * building the map of a large tree that the hasher has as text.
   */
  json(): string;
}

/** Hashes the files of a file input. Content decides, never mtimes. */
export interface FileHasher {
  hash(input: FileInput): Promise<HashedTree>;
}

/** A hashed tree whose files are already in memory. */
export function hashedTree(files: Record<string, string>): HashedTree {
  const { json, digest } = canonicalTree(files);
  return { digest, files: () => files, json: () => json };
}
