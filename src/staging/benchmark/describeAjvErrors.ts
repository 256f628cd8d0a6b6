import { basename } from "node:path";
import type { ErrorObject } from "ajv";
import { formatFieldPath } from "../workspace/locateNode.js";
import type { FieldPath } from "../workspace/locateNode.js";
import type { ParsedYaml } from "../workspace/parseYamlFile.js";
import { describeExpectation } from "./describeExpectation.js";
import type { Located } from "./located.js";

/**
 * Every schema violation as a problem naming the field path, what was expected and what was found.
 * Unknown fields (E_BENCHMARK_UNKNOWN_FIELD) list the allowed names. The `if` and `propertyNames`
 * wrappers ajv adds around the real violation are left out, and so are repeats.
 */
export function describeAjvErrors(parsed: ParsedYaml, errors: readonly ErrorObject[]): Located[] {
  const problems: Located[] = [];
  const seen = new Set<string>();
  // A field with several allowed forms (`oneOf`) is one problem, not one per form it failed.
  const alternatives = errors.filter((e) => e.keyword === "oneOf").map((e) => e.schemaPath);
  for (const error of errors) {
    if (error.keyword === "if" || error.keyword === "propertyNames") continue;
    if (alternatives.some((at) => error.schemaPath.startsWith(`${at}/`))) continue;
    const problem = error.keyword === "oneOf" ? describeForms(parsed, error) : describeOne(parsed, error);
    const key = `${formatFieldPath(problem.path)}\n${problem.headline}\n${problem.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  if (problems.length === 0 && errors.length > 0)
    problems.push({ path: [], headline: "the benchmark is invalid", expected: "a valid benchmark" });
  return problems;
}

function describeOne(parsed: ParsedYaml, error: ErrorObject): Located {
  const path = toFieldPath(parsed.data, error.instancePath);
  const file = basename(parsed.file);
  if (error.keyword === "additionalProperties") return unknownField(parsed, path, error);
  if (error.propertyName !== undefined) {
    return {
      path: [...path, error.propertyName],
      at: "key",
      headline: `In ${file}: invalid name \`${error.propertyName}\` under \`${formatFieldPath(path)}\``,
      expected: describeExpectation(error),
      hint: "rename it; nothing was written",
    };
  }
  const missing = error.keyword === "required" ? String(error.params.missingProperty) : null;
  const target = missing === null ? path : [...path, missing];
  const what = missing === null ? "invalid value for" : "missing field";
  return {
    path: target,
    headline: `In ${file}: ${what} \`${formatFieldPath(target)}\``,
    expected: describeExpectation(error),
  };
}

function describeForms(parsed: ParsedYaml, error: ErrorObject): Located {
  const path = toFieldPath(parsed.data, error.instancePath);
  const forms = ((error.schema as Record<string, unknown>[] | undefined) ?? []).map(formOf);
  return {
    path,
    headline: `In ${basename(parsed.file)}: invalid value for \`${formatFieldPath(path)}\``,
    expected: forms.join(", or "),
  };
}

/** One allowed form of a value, in words: `a whole number from 1 to 1000`, `a mapping with min, max`. */
function formOf(schema: Record<string, unknown>): string {
  if (schema.type === "integer") {
    const { minimum, maximum } = schema;
    return typeof minimum === "number" && typeof maximum === "number"
      ? `a whole number from ${minimum} to ${maximum}`
      : "a whole number";
  }
  if (schema.type === "object") {
    const keys = Object.keys((schema.properties as object | undefined) ?? {});
    return `a mapping with ${keys.join(", ")}`;
  }
  return typeof schema.type === "string" ? `a ${schema.type}` : "a value of another form";
}

function unknownField(parsed: ParsedYaml, path: FieldPath, error: ErrorObject): Located {
  const name = String(error.params.additionalProperty);
  const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
  return {
    path: [...path, name],
    at: "key",
    code: "E_BENCHMARK_UNKNOWN_FIELD",
    headline: `Unknown field \`${formatFieldPath([...path, name])}\` in ${basename(parsed.file)}`,
    expected: `one of: ${allowed.join(", ")}`,
    hint: "fix the spelling, or put free-form data under `extra:`; nothing was written",
  };
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
