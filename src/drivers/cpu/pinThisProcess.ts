import { LocalTarget } from "../../targets/LocalTarget.js";
import { assertCpus } from "./cpuList.js";
import { pinPids } from "./pinProcessTree.js";
import type { PinResult } from "./PinResult.js";

/**
 * Restricts every thread of this process to `cpus`, to keep the load generator off the CPUs of the
 * services it drives. Processes it starts afterwards inherit the restriction (pin a service started
 * later with `pinProcessTree`, or pin this process after deploying). Says why when it cannot.
 */
export async function pinThisProcess(cpus: readonly number[]): Promise<PinResult> {
  return pinPids(new LocalTarget(), process.pid, assertCpus(cpus, "pinThisProcess"), "one");
}
