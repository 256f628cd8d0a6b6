import type { NodeRecord } from "./NodeRecord.js";
import type { NodeRef, OutputReader } from "./NodeRef.js";
import type { ReasonKind } from "./RunSummary.js";

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
  /** Upstream outputs by node id (deps, dynamic deps and uses). */
  upstream: Readonly<Record<string, unknown>>;
  /** The output of an upstream node, typed by its ref; throws for a node that is not upstream. */
  get<Output>(ref: NodeRef<Output>): Output;
  /** The last record of this node, whatever its key: lets an action reuse or clean up. */
  previous: NodeRecord | undefined;
  /** Why the node runs, in `explain`'s words. */
  reason: string;
  /** Why the node runs, as a kind: a `forced` node is asked to do its work again, not to reuse it. */
  reasonKind: ReasonKind;
  /** The digest of each file input as it was hashed for this run's key, by input name. */
  inputDigests: Readonly<Record<string, string>>;
  /**
   * Says the inputs changed since the key was made (what an `outputFromKey` action finds when the
   * tree it takes no longer has the key's digest): the output serves this run, nothing is
   * recorded, and the node stays stale, as for a node whose inputs the engine saw change.
   */
  inputsChanged(): void;
  log(line: string): void;
}

/** The verdict of a live check on a node whose result lives outside the store. */
export type CheckResult = { ok: true } | { ok: false; reason: string };

/** One node of the task graph, declared as data. */
export interface TaskNode<Output = unknown> {
  id: string;
  /** Node ids this node needs; their outputs are inputs of this node. */
  deps: readonly string[];
  /**
   * Dependencies that only upstream outputs can name (a campaign's rounds depend on its plan). The
   * function reads outputs through `read`; reading one that is not made yet makes it and calls the
   * function again (Skyframe's restart, Shake's monadic `need`). Their digests enter the key.
   */
  dynamicDeps?(read: OutputReader): readonly string[];
  /**
   * Nodes whose outputs the action uses but whose digests stay out of the key: they are made only
   * when this node has to run (a measured round needs its images only to run again).
   */
  uses?: readonly string[];
  /** Nodes that finish first when they are in the same make: order only, and their failure does not block. */
  after?: readonly string[];
  /** The action has no effect besides its output, so a dry run may evaluate it in memory. @default false */
  pure?: boolean;
  /**
   * The output is a function of the file inputs exactly as hashed for the key: the action takes
   * them from that scan (checked against `inputDigests`, calling `inputsChanged` when they differ),
   * so the engine does not hash the inputs again after it to see whether they changed meanwhile.
   * @default false
   */
  outputFromKey?: boolean;
  /** Nodes this node's output declares; they join the graph once the output is known. */
  expand?(output: Output): readonly TaskNode[];
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
