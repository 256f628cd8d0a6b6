import type { ParsedYaml } from "../workspace/parseYamlFile.js";
import { benchmarkValidator } from "./benchmarkSchema.js";
import { checkBenchmarkReferences } from "./checkBenchmarkReferences.js";
import { describeAjvError } from "./describeAjvError.js";
import type { NormalizedBenchmark, SeriesSpec } from "./NormalizedBenchmark.js";

/** The scrape defaults of control-plane workspaces (COMPAT.md): JVM names for `jvm`, none for `native`. */
export const JVM_SCRAPE_DEFAULTS: Record<string, SeriesSpec> = {
  heap_peak: { series: 'jvm_memory_used_bytes{area="heap"}', aggregate: "max" },
  gc_pause: { series: "jvm_gc_pause_seconds_sum", aggregate: "increase" },
};

/**
 * Validates parsed benchmark.yaml against the schema, applies every default, then checks what the
 * schema cannot: required modes, `functions` against `requests`, the `k6` block, scrape names.
 * Throws the first problem as a StagingError with file, line, column and field.
 */
export function validateBenchmark(parsed: ParsedYaml, requiredModes: readonly string[]): NormalizedBenchmark {
  const data: unknown = structuredClone(parsed.data);
  const validate = benchmarkValidator();
  if (!validate(data)) throw describeAjvError(parsed, validate.errors ?? []);
  const benchmark = data as NormalizedBenchmark;
  benchmark.scrape.modes ??= defaultScrapeModes(benchmark.platform_modes);
  checkBenchmarkReferences(parsed, benchmark, requiredModes);
  // `functions` only means something with `subset`, `load.k6` only with driver k6 (the docs' example shows
  // both regardless): left out of the normalized content, so they neither pin files nor change the hash.
  if (benchmark.function_profile === "all") delete benchmark.functions;
  if (benchmark.load.driver !== "k6") delete benchmark.load.k6;
  return benchmark;
}

function defaultScrapeModes(modes: readonly string[]): Record<string, Record<string, SeriesSpec>> {
  return modes.includes("jvm") ? { jvm: structuredClone(JVM_SCRAPE_DEFAULTS) } : {};
}
