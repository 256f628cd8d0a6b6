import { StagingError } from "../errors/StagingError.js";
import { ExternalLifecycle } from "./ExternalLifecycle.js";
import { LocalTarget } from "./LocalTarget.js";
import { MultipassLifecycle, type MultipassOptions } from "./MultipassLifecycle.js";
import type { SshAddress } from "./parseTargetUrl.js";
import type { Target } from "./Target.js";
import { lifecycleKind, type VmLifecycle } from "./VmLifecycle.js";

export interface LifecycleSettings {
  /** E2E_VM_LIFECYCLE is read from here. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** The lifecycle named in staging.config.ts. */
  configured?: string;
  /** The VM's SSH address (external lifecycle). */
  address?: SshAddress;
  /** The VM's settings (multipass lifecycle). */
  multipass?: Omit<MultipassOptions, "runner" | "log">;
  /** Runs multipass locally. @default new LocalTarget() */
  runner?: Pick<Target, "run">;
  log?: (line: string) => void;
}

/** The lifecycle in force (E2E_VM_LIFECYCLE, else config, else external) with what it needs. */
export function createLifecycle(settings: LifecycleSettings): VmLifecycle {
  const kind = lifecycleKind(settings.env, settings.configured);
  if (kind === "external") {
    if (!settings.address) throw missing("external", "the VM's SSH address (--target ssh://user@host:port)");
    return new ExternalLifecycle(settings.address, settings.log);
  }
  if (!settings.multipass)
    throw missing("multipass", "the VM's name, public key file and state dir (config `multipass`)");
  return new MultipassLifecycle({
    ...settings.multipass,
    runner: settings.runner ?? new LocalTarget(),
    ...(settings.log ? { log: settings.log } : {}),
  });
}

function missing(kind: string, what: string): StagingError {
  return new StagingError(`the ${kind} VM lifecycle needs ${what}`, {
    code: "E_LIFECYCLE",
    facts: { lifecycle: kind },
  });
}
