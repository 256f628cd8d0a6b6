import type { FileHasher } from "./FileHasher.js";
import { sha256Hex } from "./hashing.js";
import { hashValue } from "./hashValue.js";
import { keyOf, type InputManifest } from "./InputManifest.js";
import type { TaskNode } from "./TaskNode.js";

/** A node's current inputs: the key at once, the full manifest (with every file) on demand. */
export interface CurrentManifest {
  key: string;
  /** The digest of each file input that entered the key, by input name. */
  inputDigests: Readonly<Record<string, string>>;
  manifest: () => InputManifest;
  /** The manifest as JSON text in parts, each file tree the hasher's text (joined and parsed, it is `manifest()`). */
  manifestJson: () => string[];
}

/** Reads the current inputs of a node. Env values are hashed, never stored. */
export async function computeManifest(
  node: TaskNode,
  hasher: FileHasher,
  env: Readonly<Record<string, string | undefined>>,
  /** The digest of every dependency that enters the key (static and dynamic deps, not uses). */
  upstreamDigests: Readonly<Record<string, string>>,
): Promise<CurrentManifest> {
  const trees = await Promise.all((node.inputs.files ?? []).map((input) => hasher.hash(input)));
  const names = (node.inputs.files ?? []).map((input) => input.name);
  const values: InputManifest["values"] = {};
  for (const [name, value] of Object.entries(node.inputs.values ?? {})) values[name] = hashValue(value);
  const envOut: InputManifest["env"] = {};
  for (const name of node.inputs.env ?? []) {
    const value = env[name];
    envOut[name] = value === undefined ? null : sha256Hex(value);
  }
  const upstream: InputManifest["upstream"] = {};
  for (const dep of node.deps) {
    if (upstreamDigests[dep] === undefined)
      throw new Error(`upstream digest of ${dep} missing for ${node.id}`);
  }
  for (const [dep, digest] of Object.entries(upstreamDigests).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  ))
    upstream[dep] = digest;
  const rest = { id: node.id, taskVersion: node.taskVersion, values, env: envOut, upstream };
  const digests = Object.fromEntries(trees.map((tree, i) => [names[i]!, tree.digest]));
  let manifest: InputManifest | undefined;
  return {
    key: keyOf(rest, digests),
    inputDigests: digests,
    manifestJson: () => {
      const files = new Map(trees.map((tree, i) => [names[i]!, tree]));
      const head = JSON.stringify(rest);
      const parts = [`${head.slice(0, -1)},"files":{`];
      for (const [name, tree] of files)
        parts.push(`${parts.length > 1 ? "," : ""}${JSON.stringify(name)}:`, tree.json());
      parts.push("}}");
      return parts;
    },
    manifest: () =>
      (manifest ??= {
        ...rest,
        files: Object.fromEntries(trees.map((tree, i) => [names[i]!, tree.files()])),
      }),
  };
}
