import { basename } from "node:path";
import type { ParsedYaml } from "../workspace/parseYamlFile.js";
import { benchmarkReferenceProblems } from "./benchmarkReferenceProblems.js";
import { benchmarkValidator } from "./benchmarkSchema.js";
import { describeAjvErrors } from "./describeAjvErrors.js";
import type { NormalizedBenchmark, SeriesSpec } from "./NormalizedBenchmark.js";
import { applyPrototypeK6, prototypeK6Problems } from "./prototypeK6.js";
import { throwProblems } from "./throwProblems.js";

/** The scrape defaults of control-plane workspaces (COMPAT.md): JVM names for `jvm`, none for `native`. */
export const JVM_SCRAPE_DEFAULTS: Record<string, SeriesSpec> = {
  heap_peak: { series: 'jvm_memory_used_bytes{area="heap"}', aggregate: "max" },
  gc_pause: { series: "jvm_gc_pause_seconds_sum", aggregate: "increase" },
};

/**
 * Validates parsed benchmark.yaml against the schema, applies every default, then checks what the
 * schema cannot: required modes, `functions` against `requests`, the `k6` blocks, scrape names.
 * Every problem of the file is reported at once, in file order (see `throwProblems`). The
 * prototype's spelling (a top-level `k6:` block, stages as text, no `requests`) is mapped onto the
 * k6 driver.
 */
export function validateBenchmark(parsed: ParsedYaml, requiredModes: readonly string[]): NormalizedBenchmark {
  const data: unknown = structuredClone(parsed.data);
  const validate = benchmarkValidator();
  const schemaProblems = validate(data) ? [] : describeAjvErrors(parsed, validate.errors ?? []);
  const file = basename(parsed.file);
  const crossField = [
    ...benchmarkReferenceProblems(data, requiredModes),
    ...prototypeK6Problems(parsed.data),
  ];
  throwProblems(parsed, [
    ...schemaProblems,
    ...crossField.map((p) => ({ ...p, headline: `In ${file}: ${p.headline}` })),
  ]);
  const benchmark = data as NormalizedBenchmark;
  applyPrototypeK6(benchmark);
  // A jvm mode gets the JVM's series unless the file says otherwise for it.
  benchmark.scrape.modes = {
    ...defaultScrapeModes(benchmark.platform_modes),
    ...(benchmark.scrape.modes ?? {}),
  };
  // `functions` only means something with `subset`, `load.k6` only with driver k6 (the docs' example shows
  // both regardless): left out of the normalized content, so they neither pin files nor change the hash.
  if (benchmark.function_profile === "all") delete benchmark.functions;
  if (benchmark.load.driver !== "k6") delete benchmark.load.k6;
  return benchmark;
}

function defaultScrapeModes(modes: readonly string[]): Record<string, Record<string, SeriesSpec>> {
  return modes.includes("jvm") ? { jvm: structuredClone(JVM_SCRAPE_DEFAULTS) } : {};
}
