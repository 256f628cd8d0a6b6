import { mkdir } from "node:fs/promises";
import type { DeployDriver, Deployment } from "../../drivers/deploy/index.js";
import { findContainerCpu, type CpuReader, type CpuReading } from "../../drivers/metrics/index.js";
import type { Target } from "../../targets/Target.js";
import type { ImageOutput } from "../images/ImageOutput.js";

export type Side = "baseline" | "candidate";

/** One version's deployment in a round: how to reach it, read its CPU time, and stop it. */
export interface RoundSide {
  side: Side;
  version: string;
  image: ImageOutput;
  runDir: string;
  driver: DeployDriver;
  deployment: Deployment;
  /** The URL load and scrapes use: the deployment's, or an SSH forward of it. */
  url: string;
  /** The service's CPU time now; null where it cannot be read (a Helm release). */
  cpu(): Promise<CpuReading | null>;
  close(): Promise<void>;
}

/** Wraps a started deployment: the forward a remote target needs and its CPU counter. */
export async function openRoundSide(
  at: Omit<RoundSide, "url" | "cpu" | "close">,
  target: Target,
  reader: CpuReader,
): Promise<RoundSide> {
  await mkdir(at.runDir, { recursive: true });
  const dep = at.deployment;
  const tunnel =
    target.kind !== "local" && target.forwardPort ? await target.forwardPort(dep.port) : undefined;
  let cpu: () => Promise<CpuReading | null> = async () => null;
  if (dep.pid !== undefined) {
    const pid = dep.pid;
    cpu = () => reader.processTreeCpu(pid);
  } else if (dep.containerId !== undefined) {
    const counter = await findContainerCpu(target, dep.containerId);
    cpu = () => reader.containerCpu(counter);
  }
  return {
    ...at,
    url: tunnel?.url ?? dep.url,
    cpu: () => cpu().catch(() => null),
    close: async () => {
      await tunnel?.close();
      await at.driver.stop(dep);
    },
  };
}
