import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import type { ResolvedConfig } from "../../config/StagingConfig.js";
import { DockerCli } from "../../drivers/docker/index.js";
import {
  DockerDeployDriver,
  HelmDeployDriver,
  ProcessDeployDriver,
  targetHealthFetcher,
  type DeployDriver,
  type Deployment,
  type DeploySpec,
} from "../../drivers/deploy/index.js";
import { isStagingError, StagingError } from "../../errors/index.js";
import type { Target } from "../../targets/Target.js";
import { parseTargetUrl } from "../../targets/parseTargetUrl.js";
import { uploadSnapshot } from "../../targets/uploadSnapshot.js";
import type { GraphTargets } from "../graph/GraphTargets.js";
import type { Workspace } from "../workspace/index.js";
import type { ImageOutput } from "../../../tasks/image.js";

/** How this workspace deploys: its drivers and the specs they start from. */
export class DeployEnv {
  readonly workspaceId: string;
  readonly stateDir: string;
  readonly process: ProcessDeployDriver;
  readonly docker: DockerDeployDriver;
  readonly dockerCli: DockerCli;
  private helmDriver: HelmDeployDriver | undefined;

  constructor(
    readonly workspace: Workspace,
    readonly config: ResolvedConfig,
    readonly targets: GraphTargets,
  ) {
    // Names containers and state files; never part of a key (it depends on the path).
    this.workspaceId = createHash("sha256").update(workspace.root).digest("hex").slice(0, 8);
    this.stateDir = join(workspace.stagingDir, "deployments");
    this.process = new ProcessDeployDriver({ stateDir: this.stateDir, workspaceId: this.workspaceId });
    this.dockerCli = new DockerCli(targets.target);
    const remote = targets.target.name !== "local";
    this.docker = new DockerDeployDriver({
      docker: this.dockerCli,
      workspaceId: this.workspaceId,
      ...(remote
        ? {
            healthFetcher: targetHealthFetcher(targets.target),
            pickPort: () => remoteFreePort(targets.target),
          }
        : {}),
    });
  }

  /** The driver a deployment of this mode uses; `byKind` finds the one of an existing deployment. */
  driverFor(image: ImageOutput, mode?: string): DeployDriver {
    if (mode !== undefined && this.config.modes[mode]?.deploy?.driver === "helm") return this.helm;
    return this.byKind(image.kind === "docker" ? "docker" : "process");
  }

  byKind(kind: Deployment["driver"]): DeployDriver {
    return kind === "helm" ? this.helm : kind === "docker" ? this.docker : this.process;
  }

  /** The seed's Helm scripts, run on this machine, reaching the VM over SSH with verified host keys. */
  get helm(): HelmDeployDriver {
    this.helmDriver ??= new HelmDeployDriver({
      scriptsDir: scriptsDir(),
      env: helmEnv(this.config, this.targets),
      healthFetcher: targetHealthFetcher(this.targets.target),
    });
    return this.helmDriver;
  }

  /** The Helm scripts build on the VM from the version's snapshot there: upload it (once per content). */
  async prepareRemote(slug: string, mode: string, image: ImageOutput): Promise<void> {
    if (this.config.modes[mode]?.deploy?.driver !== "helm") return;
    const localDir = join(this.workspace.versionsDir, slug, "snapshot");
    await uploadSnapshot(this.targets.target, {
      localDir,
      projectDir: this.targets.projectDir,
      slug,
      fingerprint: image.snapshot_fingerprint,
    });
  }

  /** The deploy recipe as it enters keys: what changes the running service. */
  recipe(mode: string): unknown {
    return this.config.modes[mode]?.deploy ?? {};
  }

  spec(slug: string, mode: string, image: ImageOutput, logFile: string): DeploySpec {
    const recipe = this.config.modes[mode]?.deploy ?? {};
    if (image.kind === "artifact" && !recipe.command) {
      throw new StagingError(`Mode ${mode} has no deploy command`, {
        code: "E_CONFIG",
        facts: {
          field: `modes.${mode}.deploy.command`,
          expected: 'the argv that runs the artifact, e.g. ["node", "{artifact}/service.mjs"]',
        },
      });
    }
    const spec: DeploySpec = {
      workspaceId: this.workspaceId,
      version: slug,
      mode,
      // The deploy command runs an artifact; an image runs its own CMD.
      command: image.kind === "artifact" ? (recipe.command ?? []) : [],
      env: recipe.env ?? {},
      logFile,
      buildFingerprint: image.build_fingerprint,
      stateDir: this.stateDir,
    };
    if (image.kind === "artifact") spec.artifactDir = resolve(this.workspace.root, image.image_ref);
    else spec.image = image.image_id;
    if (recipe.healthPath) spec.healthPath = recipe.healthPath;
    if (recipe.readyTimeoutMs) spec.readyTimeoutMs = recipe.readyTimeoutMs;
    if (recipe.cpus) spec.cpus = recipe.cpus;
    return spec;
  }
}

/** Everything this workspace runs, on this machine and in Docker on the target; Docker being absent is not an error. */
export async function listDeployments(env: DeployEnv): Promise<Deployment[]> {
  const processes = await env.process.list();
  const containers = await env.docker.list().catch((error: unknown) => {
    if (isStagingError(error) && ["E_DOCKER_UNAVAILABLE", "E_TARGET_NOT_FOUND"].includes(error.code))
      return [];
    throw error;
  });
  return [...processes, ...containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A free port on the target itself (a port free here says nothing about a VM). */
async function remoteFreePort(target: Target): Promise<number> {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  const result = await target.run(["node", "-e", script], { timeoutMs: 30_000 });
  const port = Number(result.stdout.trim());
  if (result.exitCode !== 0 || !Number.isInteger(port) || port <= 0) {
    throw new StagingError("Could not find a free port on the target", {
      code: "E_DEPLOY_PORT",
      exitCode: 1,
      facts: { target: target.name, stderr: result.stderr.trim().slice(-500) },
      hint: "the target needs node on its PATH to pick ports and probe health",
    });
  }
  return port;
}

/** The repository's scripts/ folder, found upward from this module (in src/ or in dist/src/). */
function scriptsDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, "scripts", "e2e-k3s-helm.sh"))) return join(dir, "scripts");
  }
  throw new StagingError("The seed's Helm scripts are not installed with staging", {
    code: "E_DEPLOY_HELM",
    facts: { expected: "scripts/e2e-k3s-helm.sh beside the package" },
  });
}

/** The E2E_* settings of the seed's scripts for this target: external lifecycle, SSH address, verified host keys. */
function helmEnv(config: ResolvedConfig, targets: GraphTargets): Record<string, string> {
  const named = config.targets[config.target];
  const parsed = parseTargetUrl(named?.url ?? targets.target.name);
  if (parsed.kind !== "ssh") {
    throw new StagingError("The helm deploy driver needs an SSH target", {
      code: "E_CONFIG",
      facts: { target: targets.target.name, expected: "ssh://user@host:port (a VM with k3s and Helm)" },
    });
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith("E2E_") && v !== undefined) env[k] = v;
  return {
    ...env,
    E2E_VM_LIFECYCLE: env.E2E_VM_LIFECYCLE ?? "external",
    E2E_SSH_HOST: parsed.address.host,
    E2E_SSH_PORT: String(parsed.address.port ?? 22),
    E2E_SSH_USER: parsed.address.user ?? env.E2E_SSH_USER ?? "ubuntu",
    E2E_REMOTE_PROJECT_DIR: targets.projectDir,
    ...(named?.identity ? { E2E_SSH_IDENTITY: named.identity } : {}),
    ...(named?.knownHosts ? { E2E_KNOWN_HOSTS: named.knownHosts } : {}),
  };
}
