import type { ResolvedConfig } from "../../config/StagingConfig.js";
import type { ToolName } from "../../targets/probeTools.js";

/**
 * The tools whose versions a deployment of the mode depends on, for its key: helm and kubectl (and
 * docker, which the seed's scripts build with) for a helm release, docker for a container, and the
 * runtimes a process may be started with. Upgrading a tool the deployment never runs (k6, or helm
 * for a service run as a process) then redeploys nothing.
 */
export function deployTools(config: ResolvedConfig, mode: string): ToolName[] {
  if (config.modes[mode]?.deploy?.driver === "helm") return ["docker", "helm", "kubectl"];
  if (config.builder === "docker") return ["docker"];
  return ["bun", "node"];
}
