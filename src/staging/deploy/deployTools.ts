import type { ResolvedConfig } from "../../config/StagingConfig.js";
import type { ToolName } from "../../targets/probeTools.js";

/** Where a mode's deployment runs, and the tools whose versions it depends on there. */
export interface DeployTools {
  on: "local" | "target";
  tools: ToolName[];
}

/**
 * For a deployment's key: a helm release runs helm and kubectl (and docker, which the seed's
 * scripts build with) against the target, a container runs with the target's docker, and a
 * process runs on this machine with its runtimes. Upgrading a tool the deployment never runs (k6,
 * or helm for a service run as a process) then redeploys nothing.
 */
export function deployTools(config: ResolvedConfig, mode: string): DeployTools {
  if (config.modes[mode]?.deploy?.driver === "helm")
    return { on: "target", tools: ["docker", "helm", "kubectl"] };
  if (config.builder === "docker") return { on: "target", tools: ["docker"] };
  return { on: "local", tools: ["bun", "node"] };
}
