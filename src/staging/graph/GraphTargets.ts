import type { Target, TargetIdentity } from "../../targets/Target.js";

/** Where nodes with effects run, and who those machines are (inputs of their keys). */
export interface GraphTargets {
  target: Target;
  targetIdentity: TargetIdentity;
  local: Target;
  localIdentity: TargetIdentity;
  projectDir: string;
}
