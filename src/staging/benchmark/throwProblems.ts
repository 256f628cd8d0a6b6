import { basename } from "node:path";
import { isMap, isNode, isScalar, isSeq } from "yaml";
import type { Node } from "yaml";
import { StagingError } from "../../errors/index.js";
import type { FieldPath } from "../workspace/locateNode.js";
import type { ParsedYaml } from "../workspace/parseYamlFile.js";
import { located } from "./located.js";
import type { Located } from "./located.js";

/**
 * Throws the problems of a file, if any, in file order: one problem as its own error (file, line,
 * column, field, expected, got), several as one error listing each of them that way, with the first
 * one's code. A missing field sorts after every problem inside the mapping that lacks it.
 */
export function throwProblems(parsed: ParsedYaml, problems: readonly Located[]): void {
  if (problems.length === 0) return;
  const ordered = problems
    .map((problem, index) => ({ problem, index, offset: sortOffset(parsed, problem) }))
    .sort((a, b) => a.offset - b.offset || a.index - b.index)
    .map(({ problem }) => located(parsed, problem));
  const [first] = ordered;
  if (ordered.length === 1 && first) throw first;
  const facts: Record<string, string> = { file: parsed.file };
  ordered.forEach((error, i) => (facts[`problem ${i + 1}`] = describe(error)));
  throw new StagingError(`${basename(parsed.file)} has ${ordered.length} problems`, {
    code: first?.code ?? "E_BENCHMARK_SCHEMA",
    facts,
    hint: "fix each of them (see docs/benchmark.md); nothing was written",
  });
}

function describe(error: StagingError): string {
  const { line, column, field, expected, got } = error.facts;
  const headline = error.message.replace(/^In [^:]+: /, "");
  return `line ${line}, column ${column}, ${String(field)}: ${headline}\nexpected: ${expected}; got: ${got}`;
}

/**
 * Where a problem sits in the file, for ordering: the start of its key or value, or for a path
 * that leaves the document (a missing field), the end of the deepest node that exists.
 */
function sortOffset(parsed: ParsedYaml, problem: Located): number {
  let node: unknown = parsed.doc.contents;
  let start = range(node)?.[0] ?? 0;
  for (const [index, segment] of problem.path.entries()) {
    const next = child(node, segment);
    if (!next) return range(node)?.[1] ?? start;
    start = range(next.key)?.[0] ?? start;
    if (index === problem.path.length - 1 && problem.at === "key") return start;
    node = next.value;
  }
  // An empty value (`requests:`) has no range of its own: its key's.
  return range(node)?.[0] ?? start;
}

function child(node: unknown, segment: FieldPath[number]): { key: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find(
      (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment),
    );
    return pair ? { key: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node)) {
    const item: unknown = node.items[Number(segment)];
    return item === undefined ? undefined : { key: item, value: item };
  }
  return undefined;
}

function range(node: unknown): readonly number[] | undefined {
  return isNode(node) ? ((node as Node).range ?? undefined) : undefined;
}
