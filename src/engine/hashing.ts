import { createHash } from "node:crypto";
import objectHash from "object-hash";

/** sha256 of a string or bytes, as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * A value's hash for keys. object-hash with fixed options; the exact outputs are pinned by golden
 * tests so that an upgrade cannot silently invalidate every cache.
 */
export function hashValue(value: unknown): string {
  return objectHash(value ?? null, {
    algorithm: "sha256",
    encoding: "hex",
    respectType: false,
    unorderedObjects: true,
    unorderedArrays: false,
    unorderedSets: true,
  });
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
