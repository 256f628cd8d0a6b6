import { isMap, isNode, isScalar, isSeq } from "yaml";
import type { Node } from "yaml";
import type { ParsedYaml } from "./parseYamlFile.js";

/** A 1-based position in a source file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** One step of a field path: a mapping key or a list index. */
export type FieldPath = readonly (string | number)[];

/**
 * Where the value at `path` starts (or its key, with `at: "key"`); a path that leaves the document
 * (a missing field) points at the deepest node that exists.
 */
export function locateNode(
  parsed: ParsedYaml,
  path: FieldPath,
  at: "value" | "key" = "value",
): SourcePosition {
  let node: unknown = parsed.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      offset = (last && at === "key" ? rangeStart(pair.key) : undefined) ?? rangeStart(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { line, column: col };
}

/** `load.k6.script`, `platform_modes[1]`, or `(top level)` for the empty path. */
export function formatFieldPath(path: FieldPath): string {
  let text = "";
  for (const segment of path) {
    text += typeof segment === "number" ? `[${segment}]` : text === "" ? segment : `.${segment}`;
  }
  return text === "" ? "(top level)" : text;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? (node as Node).range?.[0] : undefined;
}
