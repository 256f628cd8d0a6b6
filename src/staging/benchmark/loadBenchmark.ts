import { readFile } from "node:fs/promises";
import { StagingError } from "../../errors/index.js";
import { parseYamlFile } from "../workspace/parseYamlFile.js";
import { benchmarkHash } from "./benchmarkHash.js";
import type { NormalizedBenchmark } from "./NormalizedBenchmark.js";
import { hashReferencedFiles } from "./referencedFiles.js";
import { validateBenchmark } from "./validateBenchmark.js";

/** A loaded, validated benchmark and its pin. */
export interface LoadedBenchmark {
  benchmark: NormalizedBenchmark;
  /** See `benchmarkHash`. */
  hash: string;
  /** The file's text as read (what a campaign copies). */
  source: string;
  /** sha256 of every referenced file, keyed by the path as written. */
  files: Record<string, string>;
}

/** Options of `loadBenchmark`. */
export interface LoadBenchmarkOptions {
  /** Modes `platform_modes` must contain (control-plane: `jvm`, `native`). */
  requiredModes: readonly string[];
}

/**
 * Reads, validates and pins `benchmark.yaml`. Every problem is a StagingError (exit code 2) naming the
 * file, line, column and field: E_BENCHMARK_MISSING, E_BENCHMARK_YAML, E_BENCHMARK_SCHEMA,
 * E_BENCHMARK_UNKNOWN_FIELD, E_BENCHMARK_MODES, E_BENCHMARK_REFERENCE, E_BENCHMARK_FILE.
 */
export async function loadBenchmark(path: string, options: LoadBenchmarkOptions): Promise<LoadedBenchmark> {
  const source = await readBenchmarkText(path, options.requiredModes);
  const parsed = parseYamlFile(path, source, "E_BENCHMARK_YAML");
  const benchmark = validateBenchmark(parsed, options.requiredModes);
  const files = await hashReferencedFiles(parsed, benchmark);
  return { benchmark, hash: benchmarkHash(benchmark, files), source, files };
}

async function readBenchmarkText(path: string, requiredModes: readonly string[]): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const modes = requiredModes.length > 0 ? requiredModes.join(", ") : "<mode>";
    throw new StagingError(
      code === "ENOENT" ? "No benchmark file found" : "The benchmark file cannot be read",
      {
        code: "E_BENCHMARK_MISSING",
        facts: {
          file: path,
          expected: "a benchmark.yaml (only campaigns need it)",
          got: code ?? String(error),
        },
        hint: `create it with at least \`platform_modes: [${modes}]\` and one entry under \`requests:\` (see docs/benchmark.md)`,
        cause: error,
      },
    );
  }
}
