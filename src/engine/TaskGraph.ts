import { StagingError } from "../errors/index.js";
import type { TaskNode } from "./TaskNode.js";

/** A validated set of nodes: every dependency exists and there is no cycle. */
export class TaskGraph {
  readonly nodes: ReadonlyMap<string, TaskNode>;

  constructor(nodes: Iterable<TaskNode>) {
    const map = new Map<string, TaskNode>();
    for (const node of nodes) {
      if (map.has(node.id)) throw graphError(`Two nodes have the id ${node.id}`, node.id);
      map.set(node.id, node);
    }
    for (const node of map.values()) {
      for (const dep of node.deps) {
        if (!map.has(dep))
          throw graphError(`Node ${node.id} depends on ${dep}, which is not in the graph`, dep);
      }
    }
    this.nodes = map;
    this.topologicalOrder([...map.keys()]);
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

  /** Every node the targets need (themselves and their transitive dependencies), dependencies first. */
  closure(targets: readonly string[]): string[] {
    const seen = new Set<string>();
    const stack = targets.map((t) => this.get(t).id);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...this.get(id).deps);
    }
    return this.topologicalOrder([...seen]);
  }

  /** Nodes that depend on `id`, directly or not. */
  dependents(id: string): Set<string> {
    const reverse = new Map<string, string[]>();
    for (const node of this.nodes.values()) {
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
  private topologicalOrder(ids: string[]): string[] {
    const state = new Map<string, "visiting" | "done">();
    const order: string[] = [];
    for (const root of [...ids].sort()) {
      if (state.has(root)) continue;
      const stack: { id: string; deps: string[]; next: number }[] = [];
      const push = (id: string) => {
        state.set(id, "visiting");
        stack.push({ id, deps: [...this.get(id).deps].sort(), next: 0 });
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

function graphError(headline: string, node: string): StagingError {
  return new StagingError(headline, {
    code: "E_GRAPH",
    facts: { node },
    hint: "this is a bug in a task declaration",
  });
}
