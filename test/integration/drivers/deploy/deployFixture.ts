import { readFileSync, readdirSync } from "node:fs";
import type { DeploySpec } from "../../../../src/drivers/deploy/index.js";

/** A workspace id unique to this test process, so parallel files never share names or labels. */
export function testWorkspaceId(): string {
  return `t${process.pid.toString(16)}${Date.now().toString(36).slice(-4)}`;
}

/** Pids of live processes whose environment holds `entry` (`NAME=value`): the process table check. */
export function processesWithEnv(entry: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]?.startsWith("Z")) continue;
      if (readFileSync(`/proc/${name}/environ`, "utf8").split("\0").includes(entry)) pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

export async function waitUntil(
  what: string,
  probe: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface HealthBody {
  status: string;
  version: string | null;
  mode: string;
  runtime: string;
  build_fingerprint: string | null;
}

export async function health(url: string): Promise<HealthBody> {
  const response = await fetch(`${url}/health`);
  if (response.status !== 200) throw new Error(`/health answered ${response.status}`);
  return (await response.json()) as HealthBody;
}

/** A spec of the demo's node bundle (`<artifactDir>/service.mjs`) with test defaults. */
export function nodeSpec(
  base: Pick<DeploySpec, "workspaceId" | "artifactDir" | "stateDir" | "logFile">,
  overrides: Partial<DeploySpec> = {},
): DeploySpec {
  return {
    version: "baseline",
    mode: "node",
    command: [process.execPath, "{artifact}/service.mjs"],
    env: {},
    buildFingerprint: "fp-baseline-node",
    readyTimeoutMs: 15_000,
    ...base,
    ...overrides,
  };
}
