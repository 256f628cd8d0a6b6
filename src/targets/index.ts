export type { CommandResult, RunOptions, Target, TargetIdentity } from "./Target.js";
export { LocalTarget, machineId } from "./LocalTarget.js";
export { SshTarget, type ExecOptions, type SshTargetOptions } from "./ssh/SshTarget.js";
export { openTarget, sshTargetOptions, type OpenTargetOptions, type NamedTarget } from "./openTarget.js";
export { parseTargetUrl, sshTargetName, type ParsedTarget, type SshAddress } from "./parseTargetUrl.js";
export { shellJoin, shellQuote } from "./shellQuote.js";
export { checkTarget, type CheckTargetOptions, type TargetCheckReport } from "./checkTarget.js";
export { formatTargetCheck } from "./formatTargetCheck.js";
export {
  identityWith,
  probeTools,
  parseToolVersion,
  TOOL_VERSION_COMMANDS,
  type ToolName,
} from "./probeTools.js";
export { uploadSnapshot, type SnapshotUpload, type SnapshotUploadResult } from "./uploadSnapshot.js";
export {
  DEFAULT_REMOTE_PROJECT_DIR,
  remoteProjectDirSetting,
  resolveRemotePath,
  versionRoot,
} from "./remoteProjectDir.js";
export { lifecycleKind, type LifecycleKind, type VmEndpoint, type VmLifecycle } from "./VmLifecycle.js";
export { ExternalLifecycle } from "./ExternalLifecycle.js";
export { MultipassLifecycle, type MultipassOptions } from "./MultipassLifecycle.js";
export { createLifecycle, type LifecycleSettings } from "./createLifecycle.js";
export { cloudInit, type CloudInitKeys } from "./cloudInit.js";
export { describeHostKey, knownHostsLine, sshFingerprint, type HostKeyInfo } from "./ssh/hostKey.js";
export {
  parseKnownHosts,
  verifyHostKey,
  type HostKeyVerdict,
  type KnownHostEntry,
} from "./ssh/knownHosts.js";
export { parseSshConfig, resolveSshConfig, type SshHostConfig } from "./ssh/sshConfig.js";
export { retryWithBackoff, RetriesExhausted, type BackoffOptions } from "./retryWithBackoff.js";
