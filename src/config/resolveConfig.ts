import { dirname, resolve } from "node:path";
import { StagingError } from "../errors/index.js";
import { nearestWord } from "../text/editDistance.js";
import { seedModes } from "./seedDefaults.js";
import type { ResolvedConfig, StagingConfig } from "./StagingConfig.js";

const KNOWN = [
  "workspace",
  "requiredModes",
  "modes",
  "targets",
  "target",
  "benchmark",
  "builder",
  "concurrency",
  "pools",
  "fsmonitor",
];

/**
 * Fills in defaults and validates, with messages that say what to do. Without a config file
 * (`file` undefined) the modes are the seed's `jvm` and `native` builds, with docker.
 */
export function resolveConfig(
  config: StagingConfig,
  file: string | undefined,
  workspaceOverride?: string,
): ResolvedConfig {
  const where = file ?? "(defaults)";
  const fail = (field: string, expected: string, got: unknown, hint?: string): never => {
    throw new StagingError(`Invalid configuration field ${field}`, {
      code: "E_CONFIG",
      facts: { file: where, field, expected, got: JSON.stringify(got) ?? String(got) },
      ...(hint === undefined ? {} : { hint }),
    });
  };
  for (const key of Object.keys(config)) {
    if (KNOWN.includes(key)) continue;
    const near = nearestWord(key, KNOWN);
    fail(key, `one of ${KNOWN.join(", ")}`, key, near && `did you mean \`${near}\`?`);
  }
  const base = file ? dirname(file) : process.cwd();
  const workspace = workspaceOverride ?? resolve(base, config.workspace ?? ".");
  // No config file at all: the seed's layout (a workspace the prototype made, opened as it is).
  const seed = file === undefined && config.modes === undefined;
  const modes = config.modes ?? (seed ? seedModes() : {});
  if (typeof modes !== "object" || Array.isArray(modes))
    fail("modes", "an object of mode name -> recipe", modes);
  const requiredModes =
    config.requiredModes ?? (Object.keys(modes).length > 0 ? Object.keys(modes) : ["jvm", "native"]);
  if (!Array.isArray(requiredModes) || requiredModes.some((m) => typeof m !== "string")) {
    fail("requiredModes", "a list of mode names", requiredModes);
  }
  if (config.builder !== undefined && config.builder !== "artifact" && config.builder !== "docker") {
    fail("builder", '"artifact" or "docker"', config.builder);
  }
  const concurrency = config.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    fail("concurrency", "a positive integer", concurrency);
  if (config.fsmonitor !== undefined && typeof config.fsmonitor !== "boolean") {
    fail("fsmonitor", "true or false", config.fsmonitor);
  }
  const targets = { local: { url: "local" }, ...(config.targets ?? {}) };
  const target = config.target ?? "local";
  if (!(target in targets)) fail("target", `one of the targets: ${Object.keys(targets).join(", ")}`, target);
  return {
    configFile: file,
    workspace,
    requiredModes,
    modes,
    targets,
    target,
    benchmarkPath: resolve(workspace, config.benchmark ?? "benchmark/benchmark.yaml"),
    builder: config.builder ?? (seed ? "docker" : "artifact"),
    concurrency,
    pools: config.pools ?? {},
    fsmonitor: config.fsmonitor ?? false,
  };
}
