import type { ToolName } from "./probeTools.js";
import type { TargetIdentity } from "./Target.js";

/**
 * A target's identity, probed once per set of tools asked for (a failed probe is forgotten, so
 * the next ask tries again).
 */
export class IdentityCache {
  private readonly probes = new Map<string, Promise<TargetIdentity>>();

  get(tools: readonly ToolName[] | undefined, probe: () => Promise<TargetIdentity>): Promise<TargetIdentity> {
    const key = tools ? [...tools].sort().join(",") : "*";
    let found = this.probes.get(key);
    if (!found) {
      found = probe();
      this.probes.set(key, found);
      found.catch(() => this.probes.delete(key));
    }
    return found;
  }
}
