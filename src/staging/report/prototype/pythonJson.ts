import { pythonFloatRepr } from "./pythonFloat.js";

/** JSON data whose numbers are all Python floats. */
export type FloatJson =
  null | boolean | number | string | readonly FloatJson[] | { [key: string]: FloatJson };

/**
 * What Python's `json.dumps(value, indent=2, sort_keys=True)` writes when every number is a float:
 * keys in code point order, `": "` and `","` with two-space indentation, numbers as `repr(float)`
 * (`0.0`, `7058380.0`), non-ASCII escaped as `\uXXXX`, and no newline at the end.
 */
export function pythonJsonDumps(value: FloatJson, level = 0): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return pythonFloatRepr(value);
  if (typeof value === "string") return pythonJsonString(value);
  const inner = "  ".repeat(level + 1);
  const outer = "  ".repeat(level);
  if (isList(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + pythonJsonDumps(item, level + 1)).join(",\n")}\n${outer}]`;
  }
  const keys = Object.keys(value).sort(byCodePoint);
  if (keys.length === 0) return "{}";
  const members = keys.map((k) => `${inner}${pythonJsonString(k)}: ${pythonJsonDumps(value[k]!, level + 1)}`);
  return `{\n${members.join(",\n")}\n${outer}}`;
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** A JSON string as Python writes it with `ensure_ascii=True`. */
function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    out += ESCAPES[ch] ?? (code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, "0")}` : ch);
  }
  return `${out}"`;
}

function isList(value: readonly FloatJson[] | { [key: string]: FloatJson }): value is readonly FloatJson[] {
  return Array.isArray(value);
}

function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
