import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import type { ResolvedConfig } from "../../config/StagingConfig.js";
import { DockerCli } from "../../drivers/docker/index.js";
import {
  DockerDeployDriver,
  ProcessDeployDriver,
  targetHealthFetcher,
  type DeployDriver,
  type Deployment,
  type DeploySpec,
} from "../../drivers/deploy/index.js";
import { isStagingError, StagingError } from "../../errors/index.js";
import type { Target } from "../../targets/Target.js";
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

  driverFor(image: ImageOutput): DeployDriver {
    return image.kind === "docker" ? this.docker : this.process;
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
