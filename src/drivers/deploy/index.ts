export type { CheckResult, DeployDriver, Deployment, DeploySpec } from "./DeployDriver.js";
export { ProcessDeployDriver } from "./ProcessDeployDriver.js";
export type { ProcessDeployDriverOptions } from "./ProcessDeployDriver.js";
export { DockerDeployDriver } from "./DockerDeployDriver.js";
export { HelmDeployDriver, parseUrl } from "./HelmDeployDriver.js";
export type { HelmDeployDriverOptions, HelmDeployment, ScriptRunner } from "./HelmDeployDriver.js";
export type { DockerDeployDriverOptions } from "./DockerDeployDriver.js";
export { stopAll, selectDeployments } from "./stopAll.js";
export type { DriversByKind, StopAllResult } from "./stopAll.js";
export {
  DEFAULT_HEALTH_PATH,
  DEFAULT_READY_TIMEOUT_MS,
  DEPLOY_HOST,
  deploymentName,
  deploymentUrl,
  resolveSpec,
  serviceEnv,
  substituteArgs,
} from "./deploySpec.js";
export type { ResolvedSpec } from "./deploySpec.js";
export { fetchHealth, probeHealth, readFingerprint } from "./healthProbe.js";
export type { HealthFetcher } from "./healthProbe.js";
export { targetHealthFetcher } from "./targetHealthFetcher.js";
export { DEPLOY_LABELS, deploymentLabels, deploymentOfContainer } from "./dockerLabels.js";
export { StateDir } from "./StateDir.js";
export { freePort } from "./freePort.js";
export { remoteFreePort } from "./remoteFreePort.js";
export { isLive, parseProcStat, processGroupMembers, readProcStat } from "./procStat.js";
export type { ProcStat } from "./procStat.js";
export { isSameProcess, stopProcessGroup } from "./processGroup.js";
export { LOG_TAIL_LINES, lastLines, tailFile } from "../../fsutil/logTail.js";
