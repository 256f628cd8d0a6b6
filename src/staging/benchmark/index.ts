export { benchmarkHash, canonicalJson } from "./benchmarkHash.js";
export { benchmarkSchema, benchmarkValidator } from "./benchmarkSchema.js";
export { loadBenchmark } from "./loadBenchmark.js";
export type { LoadBenchmarkOptions, LoadedBenchmark } from "./loadBenchmark.js";
export type {
  K6Spec,
  LoadSpec,
  MetricDirection,
  MetricSpec,
  NormalizedBenchmark,
  RequestSpec,
  ScrapeSpec,
  SeriesSpec,
  ThresholdsSpec,
} from "./NormalizedBenchmark.js";
export { hashReferencedFiles, referencedFiles } from "./referencedFiles.js";
export type { FileReference } from "./referencedFiles.js";
export { JVM_SCRAPE_DEFAULTS, validateBenchmark } from "./validateBenchmark.js";
