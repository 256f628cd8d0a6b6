import type { NodeRecord } from "./NodeRecord.js";
import type { ActionContext, CheckResult, NodeInputs, TaskNode } from "./TaskNode.js";

/**
 * A task declared as data: how its nodes are named, what they read and what they do, given the
 * parameters of one node (a version, a mode, a run index...).
 */
export interface TaskDefinition<Params, Output> {
  name: string;
  /** Bump to invalidate every record of this task. */
  version: string;
  id(params: Params): string;
  deps?(params: Params): string[];
  inputs(params: Params): NodeInputs;
  pool?(params: Params): string | undefined;
  priority?(params: Params): number;
  /** @default "cheap" */
  cost?: "cheap" | "expensive";
  run(params: Params, ctx: ActionContext): Promise<Output>;
  check?(
    params: Params,
    record: NodeRecord<Output>,
    ctx: { signal: AbortSignal; upstream: Readonly<Record<string, unknown>> },
  ): Promise<CheckResult>;
}

/** Types a task declaration: an identity function. */
export function defineTask<Params, Output>(
  definition: TaskDefinition<Params, Output>,
): TaskDefinition<Params, Output> {
  return definition;
}

/** One node of a task, for the given parameters. */
export function taskNode<Params, Output>(
  task: TaskDefinition<Params, Output>,
  params: Params,
): TaskNode<Output> {
  const node: TaskNode<Output> = {
    id: task.id(params),
    deps: task.deps?.(params) ?? [],
    taskVersion: `${task.name}@${task.version}`,
    inputs: task.inputs(params),
    cost: task.cost ?? "cheap",
    priority: task.priority?.(params) ?? 0,
    action: (ctx) => task.run(params, ctx),
  };
  const pool = task.pool?.(params);
  if (pool !== undefined) node.pool = pool;
  if (task.check) node.check = (record, ctx) => task.check!(params, record, ctx);
  return node;
}
