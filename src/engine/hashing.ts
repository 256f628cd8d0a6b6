import { createHash } from "node:crypto";

/** sha256 of a string or bytes, as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * The value with object keys in sorted order. What is sorted already is returned as it is, so a
 * large tree built in sorted order costs one pass, not a copy. Only plain objects take that path:
 * any other object keeps being rebuilt from its own keys, as it always was.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    // A subclass or a toJSON of its own: JSON.stringify would treat the copy and the original apart.
    if (Object.getPrototypeOf(value) !== Array.prototype || "toJSON" in value) return value.map(sortKeys);
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const sorted = sortKeys(value[i]);
      if (sorted !== value[i]) (out ??= [...(value as unknown[])])[i] = sorted;
    }
    return out ?? value;
  }
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const proto: unknown = Object.getPrototypeOf(value);
  // An own `__proto__` key is lost by the rebuild below, and a toJSON would see the copy, not the
  // original: keep those behaviours byte for byte.
  let inOrder =
    (proto === Object.prototype || proto === null) &&
    !Object.hasOwn(record, "__proto__") &&
    !("toJSON" in record);
  for (let i = 1; inOrder && i < keys.length; i++) inOrder = keys[i - 1]! < keys[i]!;
  if (inOrder) {
    let out: Record<string, unknown> | undefined;
    for (const key of keys) {
      const v = record[key];
      // Most values of a large tree are strings: no call for them.
      if (v === null || typeof v !== "object") continue;
      const sorted = sortKeys(v);
      if (sorted !== v) (out ??= { ...record })[key] = sorted;
    }
    return out ?? value;
  }
  const out: Record<string, unknown> = {};
  for (const key of keys.sort()) out[key] = sortKeys(record[key]);
  return out;
}
