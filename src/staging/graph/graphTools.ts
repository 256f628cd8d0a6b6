import type { ResolvedConfig } from "../../config/StagingConfig.js";
import type { ToolName } from "../../targets/probeTools.js";
import { deployTools } from "../deploy/deployTools.js";

/**
 * The tools whose versions enter the keys of the workspace's nodes: docker for images built with
 * it, and each mode's deployment tools (`deployTools`), a mode the config does not name included.
 * A command that plans the graph probes these on its target and no other, and every such command
 * probes the same ones, so their keys agree.
 */
export function graphTools(config: ResolvedConfig): ToolName[] {
  const tools = new Set<ToolName>(config.builder === "docker" ? ["docker"] : ["bun", "node"]);
  for (const mode of Object.keys(config.modes)) for (const tool of deployTools(config, mode)) tools.add(tool);
  return [...tools].sort();
}
