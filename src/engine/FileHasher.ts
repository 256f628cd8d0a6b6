import type { FileInput } from "./TaskNode.js";

/** Hashes the files of a file input: relative path -> content hash. Content decides, never mtimes. */
export interface FileHasher {
  hash(input: FileInput): Promise<Record<string, string>>;
}
