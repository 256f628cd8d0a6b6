import { BadInput } from "./BadInput.js";

/** Documents nesting deeper than this are refused (deterministic, and no stack overflow). */
export const MAX_DEPTH = 64;
/** Decimals of `numeric.sum` and `numeric.mean`. */
export const NUMERIC_DECIMALS = 6;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type Leaf = null | boolean | number | string | [] | Record<string, never>;

export interface JsonTransformResult {
  /** Number of leaves (scalars and empty containers). */
  leaves: number;
  /** Deepest container nesting; the top-level container is depth 1. */
  max_depth: number;
  /** Every value of the document counted by JSON type, containers included. */
  types: { array: number; boolean: number; null: number; number: number; object: number; string: number };
  numeric: { count: number; sum: number; min: number | null; max: number | null; mean: number | null };
  /**
   * Leaves as [dotted path, value] pairs sorted by path (code-unit order). Pairs, not an object:
   * engines list integer-like keys ("0", "10", "2") first, whatever the insertion order.
   * A "." or "\" inside a key is escaped with "\".
   */
  flat: [string, Leaf][];
}

/** The deterministic summary of a JSON object or array. */
export function jsonTransform(doc: JsonValue): JsonTransformResult {
  if (doc === null || typeof doc !== "object") {
    throw new BadInput("json-transform expects a JSON object or array");
  }
  const state: Walk = {
    flat: [],
    maxDepth: 0,
    types: { array: 0, boolean: 0, null: 0, number: 0, object: 0, string: 0 },
    numbers: { count: 0, sum: 0, min: Infinity, max: -Infinity },
  };
  walk(doc, "", 0, state);
  state.flat.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const { count, sum, min, max } = state.numbers;
  return {
    leaves: state.flat.length,
    max_depth: state.maxDepth,
    types: state.types,
    numeric: {
      count,
      sum: round(sum),
      min: count === 0 ? null : min,
      max: count === 0 ? null : max,
      mean: count === 0 ? null : round(sum / count),
    },
    flat: state.flat,
  };
}

interface Walk {
  flat: [string, Leaf][];
  maxDepth: number;
  types: JsonTransformResult["types"];
  numbers: { count: number; sum: number; min: number; max: number };
}

function walk(value: JsonValue, path: string, depth: number, state: Walk): void {
  if (value === null || typeof value !== "object") {
    countScalar(value, state);
    state.flat.push([path, value]);
    return;
  }
  if (depth + 1 > MAX_DEPTH) throw new BadInput(`document nests deeper than ${MAX_DEPTH} levels`);
  state.maxDepth = Math.max(state.maxDepth, depth + 1);
  const entries: [string, JsonValue][] = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : Object.entries(value);
  if (Array.isArray(value)) state.types.array++;
  else state.types.object++;
  if (entries.length === 0) {
    state.flat.push([path, Array.isArray(value) ? [] : {}]);
    return;
  }
  for (const [key, item] of entries) {
    const segment = key.replace(/[.\\]/g, "\\$&");
    walk(item, path === "" ? segment : `${path}.${segment}`, depth + 1, state);
  }
}

function countScalar(value: null | boolean | number | string, state: Walk): void {
  if (value === null) {
    state.types.null++;
  } else if (typeof value === "number") {
    state.types.number++;
    const n = state.numbers;
    n.count++;
    n.sum += value;
    if (value < n.min) n.min = value;
    if (value > n.max) n.max = value;
  } else if (typeof value === "boolean") {
    state.types.boolean++;
  } else {
    state.types.string++;
  }
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toFixed(NUMERIC_DECIMALS)) : x;
}
