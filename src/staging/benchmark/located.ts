import { StagingError } from "../../errors/index.js";
import { formatFieldPath, locateNode } from "../workspace/locateNode.js";
import type { FieldPath } from "../workspace/locateNode.js";
import type { ParsedYaml } from "../workspace/parseYamlFile.js";

/** What `located` reports: the field, where to point (its value or its key), and the words. */
export interface Located {
  path: FieldPath;
  at?: "key" | "value";
  code?: string;
  headline: string;
  expected: string;
  hint?: string;
}

/** A StagingError at the position of `problem.path`; `got` is the key itself, or the value found there. */
export function located(parsed: ParsedYaml, problem: Located): StagingError {
  const { line, column } = locateNode(parsed, problem.path, problem.at);
  const got =
    problem.at === "key"
      ? JSON.stringify(problem.path.at(-1))
      : showValue(valueAt(parsed.data, problem.path));
  return new StagingError(problem.headline, {
    code: problem.code ?? "E_BENCHMARK_SCHEMA",
    facts: {
      file: parsed.file,
      line,
      column,
      field: formatFieldPath(problem.path),
      expected: problem.expected,
      got,
    },
    hint: problem.hint ?? "see docs/benchmark.md for every field; nothing was written",
  });
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const step of path) node = (node as Record<string | number, unknown> | null | undefined)?.[step];
  return node;
}

/** A short, one-line rendering of a value for the `got` fact. */
export function showValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = (JSON.stringify(value) as string | undefined) ?? typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
