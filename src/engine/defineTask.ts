import type { NodeRecord } from "./NodeRecord.js";
import type { NodeRef, OutputReader } from "./NodeRef.js";
import type { ActionContext, CheckResult, NodeInputs, TaskNode } from "./TaskNode.js";

/**
 * A task declared as data: how its nodes are named, what they read and what they do, given the
 * parameters of one node (a version, a mode, a round...). `Id` is the part of the parameters that
 * names a node: enough to make its ref without the rest.
 */
export interface TaskDefinition<Params, Output, Id = Params> {
  name: string;
  /** Bump to invalidate every record of this task. */
  version: string;
  id(id: Id): string;
  /** The id parts of a node's parameters. @default the parameters themselves */
  idOf?(params: Params): Id;
  deps?(params: Params): string[];
  /** See `TaskNode.dynamicDeps`. */
  dynamicDeps?(params: Params, read: OutputReader): readonly string[];
  /** See `TaskNode.uses`. */
  uses?(params: Params): string[];
  /** See `TaskNode.after`. */
  after?(params: Params): string[];
  inputs(params: Params): NodeInputs;
  pool?(params: Params): string | undefined;
  priority?(params: Params): number;
  /** @default "cheap" */
  cost?: "cheap" | "expensive";
  /** See `TaskNode.pure`. @default false */
  pure?: boolean;
  /** See `TaskNode.outputFromKey`. @default false */
  outputFromKey?: boolean;
  run(params: Params, ctx: ActionContext): Promise<Output>;
  /** See `TaskNode.expand`. */
  expand?(params: Params, output: Output): readonly TaskNode[];
  check?(
    params: Params,
    record: NodeRecord<Output>,
    ctx: { signal: AbortSignal; upstream: Readonly<Record<string, unknown>> },
  ): Promise<CheckResult>;
}

/** A declared task: its definition, and the typed ref of any of its nodes. */
export interface Task<Params, Output, Id = Params> extends TaskDefinition<Params, Output, Id> {
  ref(id: Id): NodeRef<Output>;
}

/** Types a task declaration, and gives it `ref`. */
export function defineTask<Params, Output, Id = Params>(
  definition: TaskDefinition<Params, Output, Id>,
): Task<Params, Output, Id> {
  return { ...definition, ref: (id: Id) => ({ id: definition.id(id) }) };
}

/** One node of a task, for the given parameters. */
export function taskNode<Params, Output, Id = Params>(
  task: TaskDefinition<Params, Output, Id>,
  params: Params,
): TaskNode<Output> {
  const node: TaskNode<Output> = {
    // Without idOf the parameters hold the id parts themselves.
    id: task.id(task.idOf ? task.idOf(params) : (params as unknown as Id)),
    deps: task.deps?.(params) ?? [],
    taskVersion: `${task.name}@${task.version}`,
    inputs: task.inputs(params),
    cost: task.cost ?? "cheap",
    priority: task.priority?.(params) ?? 0,
    action: (ctx) => task.run(params, ctx),
  };
  const pool = task.pool?.(params);
  if (pool !== undefined) node.pool = pool;
  const uses = task.uses?.(params);
  if (uses && uses.length > 0) node.uses = uses;
  const after = task.after?.(params);
  if (after && after.length > 0) node.after = after;
  if (task.pure) node.pure = true;
  if (task.outputFromKey) node.outputFromKey = true;
  if (task.dynamicDeps) node.dynamicDeps = (read) => task.dynamicDeps!(params, read);
  if (task.expand) node.expand = (output) => task.expand!(params, output);
  if (task.check) node.check = (record, ctx) => task.check!(params, record, ctx);
  return node;
}
