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
  const digests: Record<string, string> = {};
  for (const [name, tree] of Object.entries(manifest.files)) digests[name] = treeDigest(tree);
  return keyOf(manifest, digests);
}

/** The key from a manifest's other parts and the digests of its file trees. */
export function keyOf(manifest: Omit<InputManifest, "files">, treeDigests: Record<string, string>): string {
  const { id, taskVersion, values, env, upstream } = manifest;
  return sha256Hex(canonicalJson({ id, taskVersion, values, env, upstream, files: treeDigests }));
}

/** Digest of a tree of file hashes: stable for the same paths and contents, whatever the order. */
export function treeDigest(tree: Record<string, string>): string {
  return canonicalTree(tree).digest;
}

/** A tree's canonical JSON with its digest, for a hasher that hands the tree on as text. */
export function canonicalTree(tree: Record<string, string>): { json: string; digest: string } {
  const json = canonicalJson(tree);
  return { json, digest: sha256Hex(json) };
}
