import { StagingError } from "../errors/StagingError.js";
import type { TargetCheckReport } from "./checkTarget.js";
import { TOOL_VERSION_COMMANDS, type ToolName } from "./probeTools.js";

/**
 * The text of `staging target check`:
 *
 *   target ssh://ci@10.0.0.5:22: reachable (0.4 s)
 *     lifecycle: external
 *     id:        SHA256:...
 *     system:    Linux x86_64
 *     home:      /home/ci
 *     docker:    24.0.7
 *     k6:        not found
 */
export function formatTargetCheck(report: TargetCheckReport): string {
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  if (!report.ok || !report.identity) {
    const lines = [`target ${report.target}: NOT reachable (${seconds} s)`];
    if (report.lifecycle) lines.push(`  lifecycle: ${report.lifecycle}`);
    if (report.error) {
      const { code, message, facts, hint } = report.error;
      lines.push(new StagingError(message, { code, facts, ...(hint ? { hint } : {}) }).format());
    }
    return lines.join("\n");
  }
  const { identity } = report;
  const rows: Array<[string, string]> = [];
  if (report.lifecycle) rows.push(["lifecycle", report.lifecycle]);
  rows.push(["id", identity.id], ["system", `${identity.os} ${identity.arch}`]);
  if (report.home) rows.push(["home", report.home]);
  for (const tool of Object.keys(TOOL_VERSION_COMMANDS) as ToolName[])
    rows.push([tool, identity.tools[tool] ?? "not found"]);
  const width = Math.max(...rows.map(([key]) => key.length)) + 1;
  return [
    `target ${report.target}: reachable (${seconds} s)`,
    ...rows.map(([k, v]) => `  ${`${k}:`.padEnd(width)} ${v}`),
  ].join("\n");
}
