import { isStagingError, type ErrorFacts } from "../errors/StagingError.js";
import { TOOL_VERSION_COMMANDS, type ToolName } from "./probeTools.js";
import type { Target, TargetIdentity } from "./Target.js";

/** What `staging target check` found; `--json` prints this object as is. */
export interface TargetCheckReport {
  target: string;
  ok: boolean;
  /** The VM lifecycle in force, when the target is a VM (`external` or `multipass`). */
  lifecycle?: string;
  elapsedMs: number;
  identity?: TargetIdentity;
  home?: string;
  /** Tools staging may use that the target lacks, in a fixed order. */
  missingTools: ToolName[];
  error?: { code: string; message: string; facts: ErrorFacts; hint?: string };
}

export interface CheckTargetOptions {
  lifecycle?: string;
  now?: () => number;
}

/**
 * Connects, reads the identity (host key or machine id, OS, arch) and the tool versions. A target
 * that cannot be reached gives a report with `ok: false` and the error, never a throw, so the
 * command can print it; a bug (not a StagingError) still throws.
 */
export async function checkTarget(
  target: Target,
  options: CheckTargetOptions = {},
): Promise<TargetCheckReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const base = { target: target.name, ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}) };
  try {
    const identity = await target.identity();
    const home = await target.home();
    const missingTools = (Object.keys(TOOL_VERSION_COMMANDS) as ToolName[]).filter(
      (t) => identity.tools[t] === undefined,
    );
    return { ...base, ok: true, elapsedMs: now() - started, identity, home, missingTools };
  } catch (error) {
    if (!isStagingError(error)) throw error;
    const problem = {
      code: error.code,
      message: error.message,
      facts: error.facts,
      ...(error.hint ? { hint: error.hint } : {}),
    };
    return { ...base, ok: false, elapsedMs: now() - started, missingTools: [], error: problem };
  }
}
