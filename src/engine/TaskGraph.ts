import { StagingError } from "../errors/index.js";
import type { TaskNode } from "./TaskNode.js";

/**
 * A validated set of nodes: every static dependency exists and there is no cycle. It grows while a
 * make runs, as nodes declare others from their outputs (`expand`).
 */
export class TaskGraph {
  private readonly map = new Map<string, TaskNode>();

  constructor(nodes: Iterable<TaskNode>) {
    this.add(nodes);
  }

  get nodes(): ReadonlyMap<string, TaskNode> {
    return this.map;
  }

  /**
   * Adds nodes; a node whose id is already there is kept as it is (a plan expanded twice declares
   * the same nodes). Static deps of the new nodes must exist once they are all added.
   */
  add(nodes: Iterable<TaskNode>): TaskNode[] {
    const added: TaskNode[] = [];
    const ids = new Set<string>();
    for (const node of nodes) {
      if (ids.has(node.id)) throw graphError(`Two nodes have the id ${node.id}`, node.id);
      ids.add(node.id);
      if (this.map.has(node.id)) continue;
      this.map.set(node.id, node);
      added.push(node);
    }
    for (const node of added) {
      for (const dep of [...node.deps, ...(node.uses ?? [])]) {
        if (!this.map.has(dep))
          throw graphError(`Node ${node.id} depends on ${dep}, which is not in the graph`, dep);
      }
    }
    if (added.length > 0) this.topologicalOrder(added.map((n) => n.id));
    return added;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  get(id: string): TaskNode {
    const node = this.nodes.get(id);
    if (!node) {
      throw new StagingError(`No node ${id} in the graph`, {
        code: "E_UNKNOWN_NODE",
        facts: { node: id },
        hint: "list the nodes with `staging status`",
      });
    }
    return node;
  }

  /**
   * Every node the targets need (themselves and their transitive dependencies), dependencies first.
   * `depsOf` names a node's dependencies as far as they are known (static ones by default).
   */
  closure(targets: readonly string[], depsOf: DepsOf = (node) => node.deps): string[] {
    const seen = new Set<string>();
    const stack = targets.map((t) => this.get(t).id);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...depsOf(this.get(id)));
    }
    return this.topologicalOrder([...seen], depsOf);
  }

  /** Nodes that depend on `id`, directly or not. */
  dependents(id: string): Set<string> {
    const reverse = new Map<string, string[]>();
    for (const node of this.map.values()) {
      for (const dep of node.deps) reverse.set(dep, [...(reverse.get(dep) ?? []), node.id]);
    }
    const out = new Set<string>();
    const stack = [...(reverse.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (out.has(next)) continue;
      out.add(next);
      stack.push(...(reverse.get(next) ?? []));
    }
    return out;
  }

  /** Dependencies first, ties broken by id; iterative, so deep chains cannot overflow the stack. */
  private topologicalOrder(ids: string[], depsOf: DepsOf = (node) => node.deps): string[] {
    const state = new Map<string, "visiting" | "done">();
    const order: string[] = [];
    for (const root of [...ids].sort()) {
      if (state.has(root)) continue;
      const stack: { id: string; deps: string[]; next: number }[] = [];
      const push = (id: string) => {
        state.set(id, "visiting");
        stack.push({ id, deps: [...depsOf(this.get(id))].sort(), next: 0 });
      };
      push(root);
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const dep = top.deps[top.next++];
        if (dep === undefined) {
          state.set(top.id, "done");
          order.push(top.id);
          stack.pop();
        } else if (state.get(dep) === "visiting") {
          const path = [...stack.slice(stack.findIndex((f) => f.id === dep)).map((f) => f.id), dep];
          throw graphError(`Dependency cycle: ${path.join(" -> ")}`, dep);
        } else if (!state.has(dep)) {
          push(dep);
        }
      }
    }
    return order;
  }
}

/** A node's dependencies as far as they are known. */
export type DepsOf = (node: TaskNode) => readonly string[];

function graphError(headline: string, node: string): StagingError {
  return new StagingError(headline, {
    code: "E_GRAPH",
    facts: { node },
    hint: "this is a bug in a task declaration",
  });
}
