import { basename } from "node:path";
import type { ErrorObject } from "ajv";
import type { StagingError } from "../../errors/index.js";
import { formatFieldPath } from "../workspace/locateNode.js";
import type { FieldPath } from "../workspace/locateNode.js";
import type { ParsedYaml } from "../workspace/parseYamlFile.js";
import { describeExpectation } from "./describeExpectation.js";
import { located } from "./located.js";

/**
 * Turns the first schema violation into a StagingError naming the file, line, column, field path,
 * what was expected and what was found. Unknown fields (E_BENCHMARK_UNKNOWN_FIELD) list the allowed names.
 */
export function describeAjvError(parsed: ParsedYaml, errors: readonly ErrorObject[]): StagingError {
  const error = errors.find((e) => e.keyword !== "if") ?? errors[0];
  if (!error)
    return located(parsed, { path: [], headline: "the benchmark is invalid", expected: "a valid benchmark" });
  const path = toFieldPath(parsed.data, error.instancePath);
  const file = basename(parsed.file);
  if (error.keyword === "additionalProperties") return unknownField(parsed, path, error);
  if (error.propertyName !== undefined) {
    return located(parsed, {
      path: [...path, error.propertyName],
      at: "key",
      headline: `In ${file}: invalid name \`${error.propertyName}\` under \`${formatFieldPath(path)}\``,
      expected: describeExpectation(error),
      hint: "rename it; nothing was written",
    });
  }
  const missing = error.keyword === "required" ? String(error.params.missingProperty) : null;
  const target = missing === null ? path : [...path, missing];
  const what = missing === null ? "invalid value for" : "missing field";
  return located(parsed, {
    path: target,
    headline: `In ${file}: ${what} \`${formatFieldPath(target)}\``,
    expected: describeExpectation(error),
  });
}

function unknownField(parsed: ParsedYaml, path: FieldPath, error: ErrorObject): StagingError {
  const name = String(error.params.additionalProperty);
  const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
  return located(parsed, {
    path: [...path, name],
    at: "key",
    code: "E_BENCHMARK_UNKNOWN_FIELD",
    headline: `Unknown field \`${formatFieldPath([...path, name])}\` in ${basename(parsed.file)}`,
    expected: `one of: ${allowed.join(", ")}`,
    hint: "fix the spelling, or put free-form data under `extra:`; nothing was written",
  });
}

/** `/load/k6/stages/0` -> `["load", "k6", "stages", 0]`, list indices as numbers. */
function toFieldPath(data: unknown, pointer: string): FieldPath {
  if (pointer === "") return [];
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const step = Array.isArray(node) ? Number(segment) : segment;
    path.push(step);
    node = (node as Record<string | number, unknown> | undefined)?.[step];
  }
  return path;
}
