import type { Command } from "commander";
import { expandedGraph } from "../expandedGraph.js";
import { StagingError } from "../../errors/index.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";

export function graphAction(output: Output) {
  return async (target: string, flags: { format: string }, command: Command) => {
    if (!FORMATS.includes(flags.format as Format)) {
      throw new StagingError("Unknown graph format", {
        code: "E_USAGE",
        facts: { flag: "--format", expected: FORMATS.join(" | "), got: flags.format },
      });
    }
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const { graph, ids: roots, dry } = await expandedGraph(ctx, [target]);
    const depsOf = (id: string) => dry.deps.get(id) ?? graph.get(id).deps;
    const ids = graph.closure(roots, (node) => depsOf(node.id));
    output.out(renderGraph(ids, depsOf, flags.format as Format));
  };
}

const FORMATS = ["dot", "mermaid", "json"] as const;
type Format = (typeof FORMATS)[number];

/** The sub-graph of `ids` in a fixed order, so the text is stable. */
export function renderGraph(
  ids: string[],
  depsOf: (id: string) => readonly string[],
  format: Format,
): string {
  const edges = ids.flatMap((id) => [...depsOf(id)].sort().map((dep) => [dep, id] as const));
  if (format === "json")
    return JSON.stringify({ nodes: ids, edges: edges.map(([from, to]) => ({ from, to })) }, null, 2);
  if (format === "mermaid") {
    const name = new Map(ids.map((id, i) => [id, `n${i}`]));
    return [
      "graph LR",
      ...ids.map((id) => `  ${name.get(id)}["${id.replace(/"/g, "#quot;")}"]`),
      ...edges.map(([a, b]) => `  ${name.get(a)} --> ${name.get(b)}`),
    ].join("\n");
  }
  const q = (s: string) => JSON.stringify(s);
  return [
    "digraph staging {",
    "  rankdir=LR;",
    ...ids.map((id) => `  ${q(id)};`),
    ...edges.map(([a, b]) => `  ${q(a)} -> ${q(b)};`),
    "}",
  ].join("\n");
}
