import objectHash from "object-hash";

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
