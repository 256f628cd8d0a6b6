import { SshTarget } from "../../targets/ssh/SshTarget.js";
import type { Target } from "../../targets/Target.js";
import { containerCpu, type ContainerCpuCounter } from "./containerCpu.js";
import type { CpuReading } from "./CpuReading.js";
import { readMachineLoad, type MachineLoadSample } from "./MachineLoad.js";
import { processTreeCpu } from "./processTreeCpu.js";
import { SshCpuReader } from "./SshCpuReader.js";

/** The reads that bracket a measurement window on one target, made as cheaply as the target allows. */
export interface CpuReader {
  /** See `processTreeCpu`. */
  processTreeCpu(pid: number): Promise<CpuReading>;
  /** See `containerCpu`. */
  containerCpu(counter: ContainerCpuCounter): Promise<CpuReading>;
  /** See `readMachineLoad`. */
  machineLoad(): Promise<MachineLoadSample>;
  /** Ends what the reader keeps open on the target. */
  close(): Promise<void>;
}

/**
 * A reader for a target: on an SSH target one shell kept open for all reads (a round trip per read
 * instead of a new command); elsewhere the one-shot functions (on this machine they read /proc
 * directly). Close it when the run is over.
 */
export function openCpuReader(target: Target): CpuReader {
  if (target instanceof SshTarget) return new SshCpuReader(target);
  return {
    processTreeCpu: (pid) => processTreeCpu(target, pid),
    containerCpu: (counter) => containerCpu(target, counter),
    machineLoad: () => readMachineLoad(target),
    close: () => Promise.resolve(),
  };
}
