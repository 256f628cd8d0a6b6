import { isStagingError } from "../errors/StagingError.js";
import type { ToolBinary } from "./locateTools.js";
import type { Target, TargetIdentity } from "./Target.js";
import type { ToolVersionCache } from "./ToolVersionCache.js";

export type ToolName = keyof TargetIdentity["tools"];

/** How each tool tells its version without needing a cluster or a daemon. */
export const TOOL_VERSION_COMMANDS: Readonly<Record<ToolName, readonly string[]>> = {
  docker: ["docker", "--version"],
  k6: ["k6", "version"],
  helm: ["helm", "version", "--short"],
  kubectl: ["kubectl", "version", "--client"],
  node: ["node", "--version"],
  bun: ["bun", "--version"],
};

/** Codes of a target's errors that mean "this tool is not usable here", not "the target is broken". */
const ABSENT = new Set(["E_TARGET_NOT_FOUND", "E_TARGET_TIMEOUT"]);

/** The version number in a tool's output: `Docker version 24.0.7, build x` -> `24.0.7`, `v3.14.0+gabc` -> `3.14.0+gabc`. */
export function parseToolVersion(output: string): string | undefined {
  return /v?(\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?)/.exec(output)?.[1];
}

export interface ProbeOptions {
  /** @default 10000 */
  timeoutMs?: number;
  /**
   * Where each tool's binary is on the target (null: not there). With a cache, a tool whose binary
   * is unchanged since its version was recorded is not run; a tool not there is not run at all.
   */
  locate?: (names: readonly ToolName[]) => Promise<Record<string, ToolBinary | null>>;
  cache?: ToolVersionCache;
  /** The tools to probe. @default every tool staging knows */
  names?: readonly ToolName[];
}

/**
 * Versions of the tools found on a target, probed in parallel with a short timeout each. A tool that
 * is missing, fails or hangs is left out; a target that cannot run commands at all rejects.
 */
export async function probeTools(
  target: Pick<Target, "run">,
  options: ProbeOptions = {},
): Promise<TargetIdentity["tools"]> {
  const names = options.names ?? (Object.keys(TOOL_VERSION_COMMANDS) as ToolName[]);
  if (names.length === 0) return {};
  const located = options.locate ? await options.locate(names) : {};
  const found = await Promise.all(names.map((name) => probeOne(target, name, located[name], options)));
  options.cache?.save();
  const tools: TargetIdentity["tools"] = {};
  names.forEach((name, i) => {
    const version = found[i];
    if (version !== undefined) tools[name] = version;
  });
  return tools;
}

async function probeOne(
  target: Pick<Target, "run">,
  name: ToolName,
  binary: ToolBinary | null | undefined,
  { cache, timeoutMs = 10_000 }: ProbeOptions,
): Promise<string | undefined> {
  if (binary === null) return undefined;
  const cached = binary && cache?.get(name, binary);
  if (cached !== undefined) return cached ?? undefined;
  const [command, ...args] = TOOL_VERSION_COMMANDS[name];
  try {
    // The binary found is the one that runs, by the name it was found under.
    const result = await target.run([binary?.path ?? command!, ...args], { timeoutMs });
    const version = result.exitCode === 0 ? parseToolVersion(result.stdout) : undefined;
    if (binary) cache?.set(name, binary, version ?? null);
    return version;
  } catch (error) {
    if (isStagingError(error) && ABSENT.has(error.code)) return undefined;
    throw error;
  }
}

/**
 * A target's identity with only the tools a node uses, for its key: a node that runs docker is not
 * rebuilt because helm was upgraded, nor because a command that never asks for helm ran first.
 */
export function identityWith(identity: TargetIdentity, tools: readonly ToolName[]): TargetIdentity {
  const kept: TargetIdentity["tools"] = {};
  for (const tool of tools) if (identity.tools[tool] !== undefined) kept[tool] = identity.tools[tool];
  return { ...identity, tools: kept };
}
