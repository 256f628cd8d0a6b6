import { join } from "node:path";
import type { ResolvedConfig } from "../config/StagingConfig.js";
import { StagingError } from "../errors/index.js";
import type { GraphTargets } from "../staging/graph/GraphTargets.js";
import { LocalTarget } from "../targets/LocalTarget.js";
import { createLifecycle } from "../targets/createLifecycle.js";
import { openTarget, sshTargetOptions } from "../targets/openTarget.js";
import { remoteProjectDirSetting } from "../targets/remoteProjectDir.js";
import { SshTarget } from "../targets/ssh/SshTarget.js";
import type { Target } from "../targets/Target.js";
import { lifecycleKind } from "../targets/VmLifecycle.js";
import { graphTools } from "../staging/graph/graphTools.js";
import type { GlobalOptions } from "./CliContext.js";
import type { Output } from "./Output.js";

/** The campaign's target (named, local, or an SSH URL; a VM started first if its lifecycle says so) and this machine. */
export async function openGraphTargets(
  config: ResolvedConfig,
  global: GlobalOptions,
  output: Output,
): Promise<GraphTargets> {
  const local = new LocalTarget();
  const name = global.target ?? process.env.STAGING_TARGET ?? config.target;
  const target = name === "local" ? local : await openRemote(config, name, global, output);
  // Only the tools the graph's nodes run, where they run them, are probed.
  const tools = graphTools(config);
  const [localIdentity, targetIdentity] = await Promise.all([
    local.identity(tools.local),
    target.identity(tools.target),
  ]);
  const named = config.targets[name];
  return {
    target,
    targetIdentity,
    local,
    localIdentity,
    projectDir: remoteProjectDirSetting(process.env, named?.projectDir),
  };
}

/**
 * A target reached over SSH. Its lifecycle (E2E_VM_LIFECYCLE, else the config, else external) is
 * said once: `external` means staging never creates or deletes the VM; `multipass` means staging
 * launches or starts it with the local multipass command, and still runs every command over SSH.
 */
async function openRemote(
  config: ResolvedConfig,
  name: string,
  global: GlobalOptions,
  output: Output,
): Promise<Target> {
  const named = config.targets[name];
  const kind = lifecycleKind(process.env, named?.lifecycle);
  const log = (line: string) => output.err(line);
  if (kind === "external") {
    output.err(
      `target ${named?.url ?? name}: lifecycle external (the VM exists; staging only connects to it over SSH)`,
    );
    return openTarget(name, {
      named: config.targets,
      identity: global.identity,
      knownHosts: global.knownHosts,
      log,
    });
  }
  if (!named?.multipass) {
    throw new StagingError("The multipass lifecycle needs the VM's settings", {
      code: "E_LIFECYCLE",
      facts: { target: name, field: `targets.${name}.multipass`, expected: "{ name, publicKeyFile, ... }" },
    });
  }
  const lifecycle = createLifecycle({
    configured: kind,
    multipass: {
      ...named.multipass,
      stateDir: join(config.workspace, ".staging", "vm", named.multipass.name),
    },
    log,
  });
  const endpoint = await lifecycle.ensure();
  return new SshTarget(
    sshTargetOptions(endpoint.address, {
      identity: global.identity ?? named.identity,
      knownHosts: endpoint.knownHostsFile ?? global.knownHosts ?? named.knownHosts,
      log,
    }),
  );
}
