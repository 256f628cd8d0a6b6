import { dirname, resolve } from "node:path";
import type { TaskGraph } from "../engine/TaskGraph.js";
import type { CliContext } from "./CliContext.js";

/**
 * Exactly the inputs of the targets' graph: the file inputs of every node in the closure (snapshot
 * trees, recipe files), the benchmark folder and the config file. The store, campaign folders and
 * logs are outputs and are never among them, so nothing staging writes can trigger a rebuild.
 */
export function watchInputs(ctx: CliContext, graph: TaskGraph, ids: readonly string[]): string[] {
  const paths = new Set<string>();
  for (const id of graph.closure(ids)) {
    for (const input of graph.get(id).inputs.files ?? []) {
      const all = !input.include || (input.include.length === 1 && input.include[0] === "**");
      if (all) paths.add(input.root);
      else
        for (const pattern of input.include ?? [])
          if (!/[*?[{]/.test(pattern)) paths.add(resolve(input.root, pattern));
    }
  }
  paths.add(dirname(ctx.workspace.benchmarkPath));
  if (ctx.config.configFile) paths.add(ctx.config.configFile);
  return [...paths].sort();
}
