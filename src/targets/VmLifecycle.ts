import { StagingError } from "../errors/StagingError.js";
import type { SshAddress } from "./parseTargetUrl.js";

export type LifecycleKind = "external" | "multipass";

/** Where to reach the VM, and (when staging made the VM and knows its host key) the known_hosts to use. */
export interface VmEndpoint {
  address: SshAddress;
  knownHostsFile?: string;
}

/**
 * Who owns the VM. Either way every command inside it runs over SSH; the lifecycle only decides
 * whether staging may create, start, stop and delete it.
 */
export interface VmLifecycle {
  readonly kind: LifecycleKind;
  /** One line for messages: which lifecycle is in force and what staging will and will not do. */
  describe(): string;
  /** Makes sure the VM runs and says where to reach it. */
  ensure(): Promise<VmEndpoint>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

const KINDS: readonly LifecycleKind[] = ["external", "multipass"];

/** E2E_VM_LIFECYCLE, else the configured kind, else `external`. */
export function lifecycleKind(
  env: Readonly<Record<string, string | undefined>> = process.env,
  configured?: string,
): LifecycleKind {
  const fromEnv = env.E2E_VM_LIFECYCLE?.trim();
  const value = fromEnv ? fromEnv : (configured ?? "external");
  if ((KINDS as readonly string[]).includes(value)) return value as LifecycleKind;
  throw new StagingError("unknown VM lifecycle", {
    code: "E_LIFECYCLE",
    facts: { [fromEnv ? "E2E_VM_LIFECYCLE" : "config"]: value, expected: KINDS.join(" | ") },
    hint: "external: the VM exists and staging only uses it over SSH; multipass: staging launches and deletes it",
  });
}
