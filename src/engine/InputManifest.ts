import { canonicalJson, sha256Hex } from "./hashing.js";

/**
 * The canonical description of a node's inputs. Its hash is the node's key. Nothing here may
 * depend on where the checkout lives, on time, or on attempts.
 */
export interface InputManifest {
  id: string;
  taskVersion: string;
  /** File input name -> relative path -> content hash (with `+x` for executables, `@` prefix for symlinks). */
  files: Record<string, Record<string, string>>;
  /** Value name -> object-hash. */
  values: Record<string, string>;
  /** Variable name -> hash of its value, or null when unset. */
  env: Record<string, string | null>;
  /** Upstream node id -> its output digest. */
  upstream: Record<string, string>;
}

/** The key of a manifest: sha256 of its canonical JSON, with each file tree folded to one digest. */
export function manifestKey(manifest: InputManifest): string {
  const files: Record<string, string> = {};
  for (const [name, tree] of Object.entries(manifest.files)) files[name] = treeDigest(tree);
  return sha256Hex(canonicalJson({ ...manifest, files }));
}

/** Digest of a tree of file hashes: stable for the same paths and contents, whatever the order. */
export function treeDigest(tree: Record<string, string>): string {
  return sha256Hex(canonicalJson(tree));
}
