export { assertCpus, formatCpuList, parseCpuList } from "./cpuList.js";
export { onlineCpus } from "./onlineCpus.js";
export { pinContainer } from "./pinContainer.js";
export { pinningPlan, type PinningPlan } from "./pinningPlan.js";
export { pinProcessTree } from "./pinProcessTree.js";
export type { PinResult } from "./PinResult.js";
export { pinThisProcess } from "./pinThisProcess.js";
