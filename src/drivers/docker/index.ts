export { DockerCli } from "./DockerCli.js";
export { BUILD_LOG_TAIL, buildArgv } from "./build.js";
export { parseProcCgroup, peakCandidates } from "./memoryPeak.js";
export type { CgroupEntry } from "./memoryPeak.js";
export {
  assertContainerName,
  assertContainerRef,
  assertCpuset,
  assertEnvName,
  assertImageRef,
  assertLabelKey,
  assertMemory,
  isContainerName,
  isImageRef,
} from "./names.js";
export type {
  BuildOptions,
  ContainerRunOptions,
  ContainerState,
  ContainerSummary,
  DockerCliOptions,
  MemoryPeak,
} from "./types.js";
