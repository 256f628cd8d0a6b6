import type { FileHasher } from "./FileHasher.js";
import { hashValue, sha256Hex } from "./hashing.js";
import type { InputManifest } from "./InputManifest.js";
import type { TaskNode } from "./TaskNode.js";

/** Reads the current inputs of a node into its manifest. Env values are hashed, never stored. */
export async function computeManifest(
  node: TaskNode,
  hasher: FileHasher,
  env: Readonly<Record<string, string | undefined>>,
  upstreamDigests: Readonly<Record<string, string>>,
): Promise<InputManifest> {
  const files: InputManifest["files"] = {};
  for (const input of node.inputs.files ?? []) files[input.name] = await hasher.hash(input);
  const values: InputManifest["values"] = {};
  for (const [name, value] of Object.entries(node.inputs.values ?? {})) values[name] = hashValue(value);
  const envOut: InputManifest["env"] = {};
  for (const name of node.inputs.env ?? []) {
    const value = env[name];
    envOut[name] = value === undefined ? null : sha256Hex(value);
  }
  const upstream: InputManifest["upstream"] = {};
  for (const dep of node.deps) {
    const digest = upstreamDigests[dep];
    if (digest === undefined) throw new Error(`upstream digest of ${dep} missing for ${node.id}`);
    upstream[dep] = digest;
  }
  return { id: node.id, taskVersion: node.taskVersion, files, values, env: envOut, upstream };
}
