import { basename } from "node:path";
import type { ParsedYaml } from "../workspace/parseYamlFile.js";
import { located } from "./located.js";
import type { Located } from "./located.js";
import type { NormalizedBenchmark } from "./NormalizedBenchmark.js";

/** Throws the first cross-field problem of a schema-valid benchmark (see `validateBenchmark`). */
export function checkBenchmarkReferences(
  parsed: ParsedYaml,
  b: NormalizedBenchmark,
  requiredModes: readonly string[],
): void {
  const problem = missingModes(b, requiredModes) ?? functionsProblem(b) ?? scrapeProblem(b);
  if (problem)
    throw located(parsed, { ...problem, headline: `In ${basename(parsed.file)}: ${problem.headline}` });
}

function missingModes(b: NormalizedBenchmark, required: readonly string[]): Located | null {
  const missing = required.filter((m) => !b.platform_modes.includes(m));
  if (missing.length === 0) return null;
  return {
    code: "E_BENCHMARK_MODES",
    path: ["platform_modes"],
    headline: `platform_modes lacks the required mode(s) ${missing.join(", ")}`,
    expected: `a list containing every required mode: ${required.join(", ")}`,
    hint: `add ${missing.join(", ")} to platform_modes; nothing was written`,
  };
}

function functionsProblem(b: NormalizedBenchmark): Located | null {
  const index = (b.functions ?? []).findIndex((f) => !Object.hasOwn(b.requests, f));
  if (index < 0) return null;
  return {
    code: "E_BENCHMARK_REFERENCE",
    path: ["functions", index],
    headline: `functions names \`${String(b.functions?.[index])}\`, which is not under requests`,
    expected: `one of: ${Object.keys(b.requests).join(", ")}`,
    hint: "add it under requests, or remove it from functions",
  };
}

function scrapeProblem(b: NormalizedBenchmark): Located | null {
  for (const [mode, metrics] of Object.entries(b.scrape.modes)) {
    if (!b.platform_modes.includes(mode)) {
      return {
        code: "E_BENCHMARK_REFERENCE",
        path: ["scrape", "modes", mode],
        at: "key",
        headline: `scrape.modes names the mode \`${mode}\`, which is not in platform_modes`,
        expected: `one of: ${b.platform_modes.join(", ")}`,
        hint: "add the mode to platform_modes, or remove it from scrape.modes",
      };
    }
    const unknown = Object.keys(metrics).find((m) => !Object.hasOwn(b.metrics, m));
    if (unknown === undefined) continue;
    return {
      code: "E_BENCHMARK_REFERENCE",
      path: ["scrape", "modes", mode, unknown],
      at: "key",
      headline: `scrape.modes.${mode} reads \`${unknown}\`, which is not under metrics`,
      expected: `one of: ${Object.keys(b.metrics).join(", ")}`,
      hint: `declare it under metrics with a direction, e.g. ${unknown}: { direction: lower }`,
    };
  }
  return null;
}
