import type { NodeRecord } from "./NodeRecord.js";

/** A tree of files whose contents are inputs of a node. `root` is never part of the key. */
export interface FileInput {
  /** Name under which the files appear in the manifest, e.g. `snapshot`. */
  name: string;
  /** Absolute folder the patterns are relative to. */
  root: string;
  /** Globs of files to include. @default ["**"] */
  include?: string[];
  /** Globs of files or folders to leave out. @default [] */
  exclude?: string[];
}

/** Everything a node's key is computed from, besides its upstream outputs and its task version. */
export interface NodeInputs {
  files?: FileInput[];
  /** Plain values, hashed with object-hash. */
  values?: Record<string, unknown>;
  /** Names of environment variables the action reads. */
  env?: string[];
}

/** What an action receives. */
export interface ActionContext {
  id: string;
  signal: AbortSignal;
  /** Upstream outputs by node id. */
  upstream: Readonly<Record<string, unknown>>;
  /** The last record of this node, whatever its key: lets an action reuse or clean up. */
  previous: NodeRecord | undefined;
  /** Why the node runs, in `explain`'s words. */
  reason: string;
  log(line: string): void;
}

/** The verdict of a live check on a node whose result lives outside the store. */
export type CheckResult = { ok: true } | { ok: false; reason: string };

/** One node of the task graph, declared as data. */
export interface TaskNode<Output = unknown> {
  id: string;
  /** Node ids this node needs; their outputs are inputs of this node. */
  deps: readonly string[];
  /** The task implementation's own version: bump it to invalidate every record of the task. */
  taskVersion: string;
  inputs: NodeInputs;
  /** A named resource pool: at most the pool's limit of its nodes run at once. */
  pool?: string;
  /** Among nodes ready at once, higher runs first (a campaign's schedule order). @default 0 */
  priority?: number;
  /** `cheap` nodes run in watch mode at once; `expensive` ones only when asked. @default "cheap" */
  cost?: "cheap" | "expensive";
  /** Produces the output record. Must be JSON-serialisable and free of timestamps. */
  action(ctx: ActionContext): Promise<Output>;
  /** Live check for an up-to-date record: is the image, the deployment still there? */
  check?(
    record: NodeRecord<Output>,
    ctx: { signal: AbortSignal; upstream: Readonly<Record<string, unknown>> },
  ): Promise<CheckResult>;
}
