import type { ResolvedConfig } from "../../config/StagingConfig.js";
import type { ToolName } from "../../targets/probeTools.js";
import { deployTools } from "../deploy/deployTools.js";

/** The tools to probe on this machine and on the target. */
export interface GraphTools {
  local: ToolName[];
  target: ToolName[];
}

/**
 * The tools whose versions enter the keys of the workspace's nodes, by where they run: docker on
 * the target for images built with it, and each mode's deployment tools (`deployTools`), a mode
 * the config does not name included. A command that plans the graph probes these and no other,
 * and every such command probes the same ones, so their keys agree.
 */
export function graphTools(config: ResolvedConfig): GraphTools {
  const found = { local: new Set<ToolName>(), target: new Set<ToolName>() };
  if (config.builder === "docker") found.target.add("docker");
  for (const mode of [...Object.keys(config.modes), undefined]) {
    const { on, tools } = deployTools(config, mode ?? "");
    for (const tool of tools) found[on].add(tool);
  }
  return { local: [...found.local].sort(), target: [...found.target].sort() };
}
