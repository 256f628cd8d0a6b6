import type { Located } from "./located.js";

/**
 * The cross-field problems of a benchmark (after the schema's defaults), checked even when the
 * schema found others, each only where the fields it reads have the right shape: required modes,
 * `functions` against `requests`, `scrape.modes` against `platform_modes` and `metrics`.
 */
export function benchmarkReferenceProblems(data: unknown, requiredModes: readonly string[]): Located[] {
  if (!isMapping(data)) return [];
  const modes = stringList(data.platform_modes);
  return [
    ...(modes ? missingModes(modes, requiredModes) : []),
    ...functionsProblems(data),
    ...(modes ? scrapeProblems(data, modes) : []),
    ...runsProblems(data),
  ];
}

/** A range of rounds must not be empty. */
function runsProblems(data: Record<string, unknown>): Located[] {
  const runs = data.runs;
  if (
    !isMapping(runs) ||
    typeof runs.min !== "number" ||
    typeof runs.max !== "number" ||
    runs.max >= runs.min
  )
    return [];
  return [
    {
      code: "E_BENCHMARK_SCHEMA",
      path: ["runs", "max"],
      headline: `runs.max (${runs.max}) is below runs.min (${runs.min})`,
      expected: "runs.max at least runs.min",
      hint: "raise runs.max, or give runs as one number for a fixed campaign",
    },
  ];
}

function missingModes(modes: string[], required: readonly string[]): Located[] {
  const missing = required.filter((m) => !modes.includes(m));
  if (missing.length === 0) return [];
  return [
    {
      code: "E_BENCHMARK_MODES",
      path: ["platform_modes"],
      headline: `platform_modes lacks the required mode(s) ${missing.join(", ")}`,
      expected: `a list containing every required mode: ${required.join(", ")}`,
      hint: `add ${missing.join(", ")} to platform_modes; nothing was written`,
    },
  ];
}

/** With requests, `functions` names some of them; without (a k6 script's load) it names the script's functions. */
function functionsProblems(data: Record<string, unknown>): Located[] {
  const functions = stringList(data.functions);
  const requests = data.requests;
  if (!functions || !isMapping(requests) || Object.keys(requests).length === 0) return [];
  const index = functions.findIndex((f) => !Object.hasOwn(requests, f));
  if (index < 0) return [];
  return [
    {
      code: "E_BENCHMARK_REFERENCE",
      path: ["functions", index],
      headline: `functions names \`${functions[index]}\`, which is not under requests`,
      expected: `one of: ${Object.keys(requests).join(", ")}`,
      hint: "add it under requests, or remove it from functions",
    },
  ];
}

function scrapeProblems(data: Record<string, unknown>, modes: string[]): Located[] {
  const scrape = data.scrape;
  const metrics = isMapping(data.metrics) ? data.metrics : {};
  if (!isMapping(scrape) || !isMapping(scrape.modes)) return [];
  const problems: Located[] = [];
  for (const [mode, read] of Object.entries(scrape.modes)) {
    if (!modes.includes(mode)) {
      problems.push({
        code: "E_BENCHMARK_REFERENCE",
        path: ["scrape", "modes", mode],
        at: "key",
        headline: `scrape.modes names the mode \`${mode}\`, which is not in platform_modes`,
        expected: `one of: ${modes.join(", ")}`,
        hint: "add the mode to platform_modes, or remove it from scrape.modes",
      });
      continue;
    }
    if (!isMapping(read)) continue;
    for (const unknown of Object.keys(read).filter((m) => !Object.hasOwn(metrics, m))) {
      problems.push({
        code: "E_BENCHMARK_REFERENCE",
        path: ["scrape", "modes", mode, unknown],
        at: "key",
        headline: `scrape.modes.${mode} reads \`${unknown}\`, which is not under metrics`,
        expected: `one of: ${Object.keys(metrics).join(", ")}`,
        hint: `declare it under metrics with a direction, e.g. ${unknown}: { direction: lower }`,
      });
    }
  }
  return problems;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : null;
}
