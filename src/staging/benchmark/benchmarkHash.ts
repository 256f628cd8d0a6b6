import { createHash } from "node:crypto";
import type { NormalizedBenchmark } from "./NormalizedBenchmark.js";

/**
 * The pinned hash of a benchmark: sha256 (hex) of the canonical JSON (keys sorted) of
 * `{ benchmark, files }`, where `benchmark` is the normalized content (defaults applied) and `files`
 * maps each referenced path to the sha256 of its content. Comments, key order and spelled-out defaults
 * do not change it; any meaningful edit, to the file or to a referenced file, does.
 */
export function benchmarkHash(benchmark: NormalizedBenchmark, files: Record<string, string>): string {
  return createHash("sha256").update(canonicalJson({ benchmark, files })).digest("hex");
}

/** JSON with object keys sorted at every depth and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
