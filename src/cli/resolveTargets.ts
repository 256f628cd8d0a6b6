import type { TaskGraph } from "../engine/TaskGraph.js";
import { matchSelector } from "../engine/selectors.js";
import { StagingError } from "../errors/index.js";
import { expandAlias } from "../staging/graph/nodeIds.js";

/** Turns `make` targets (node ids, globs, aliases such as `images:<version>`) into node ids. */
export function resolveTargets(graph: TaskGraph, targets: readonly string[]): string[] {
  const ids = [...graph.nodes.keys()];
  const out = new Set<string>();
  for (const target of targets) {
    const matched = matchSelector(expandAlias(target), ids);
    if (matched.length === 0) {
      throw new StagingError(`No node matches the target ${target}`, {
        code: "E_TARGET",
        facts: {
          target,
          nodes:
            ids.length === 0
              ? "(the workspace has no nodes)"
              : ids.slice(0, 8).join(", ") + (ids.length > 8 ? ", ..." : ""),
        },
        hint: "targets are node ids, globs such as 'fingerprint:*', images:<version> or campaign:<candidate>; `staging status` lists the nodes",
      });
    }
    matched.forEach((id) => out.add(id));
  }
  return [...out];
}
