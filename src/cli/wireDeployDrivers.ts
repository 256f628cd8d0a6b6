import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedConfig } from "../config/StagingConfig.js";
import { DockerCli } from "../drivers/docker/index.js";
import {
  DockerDeployDriver,
  HelmDeployDriver,
  ProcessDeployDriver,
  remoteFreePort,
  targetHealthFetcher,
  type DeployDriver,
  type Deployment,
} from "../drivers/deploy/index.js";
import { isStagingError, StagingError } from "../errors/index.js";
import { recipeDeployDriver } from "../recipes/recipeDeployDriver.js";
import type { DeployDrivers } from "../staging/deploy/DeployDrivers.js";
import { deploymentsDir, workspaceId } from "../staging/deploy/deploySpec.js";
import type { GraphTargets } from "../staging/graph/GraphTargets.js";
import type { ImageOutput } from "../staging/images/ImageOutput.js";
import type { Workspace } from "../staging/workspace/index.js";
import { parseTargetUrl } from "../targets/parseTargetUrl.js";
import { uploadSnapshot } from "../targets/uploadSnapshot.js";

/**
 * The deploy drivers for this workspace and target, built once per command: the process driver on
 * this machine, Docker on the target (reached through its own free port and health fetcher when
 * remote), and the seed's Helm scripts with the E2E_* settings of this environment.
 */
export function wireDeployDrivers(
  workspace: Workspace,
  config: ResolvedConfig,
  targets: GraphTargets,
  env: Readonly<Record<string, string | undefined>>,
): DeployDrivers {
  const id = workspaceId(workspace);
  const processDriver = new ProcessDeployDriver({ stateDir: deploymentsDir(workspace), workspaceId: id });
  const dockerCli = new DockerCli(targets.target);
  const remote = targets.target.kind !== "local";
  const docker = new DockerDeployDriver({
    docker: dockerCli,
    workspaceId: id,
    ...(remote
      ? { healthFetcher: targetHealthFetcher(targets.target), pickPort: () => remoteFreePort(targets.target) }
      : {}),
  });
  let helm: HelmDeployDriver | undefined;
  const helmDriver = () =>
    (helm ??= new HelmDeployDriver({
      scriptsDir: scriptsDir(),
      env: helmEnv(config, targets, env),
      healthFetcher: targetHealthFetcher(targets.target),
    }));
  const byKind = (kind: Deployment["driver"]): DeployDriver =>
    kind === "helm" ? helmDriver() : kind === "docker" ? docker : processDriver;
  return {
    dockerCli,
    byKind,
    forImage: (image: ImageOutput, mode: string) => {
      const recipe = config.modes[mode]?.deploy;
      const driver =
        recipe?.driver === "helm" ? helmDriver() : byKind(image.kind === "docker" ? "docker" : "process");
      if (typeof recipe?.command !== "function") return driver;
      // A deploy function's $ runs where the service runs: here for a process, on the target otherwise.
      const target = driver.kind === "process" ? targets.local : targets.target;
      return recipeDeployDriver(driver, { mode, deploy: recipe.command, env: recipe.env ?? {}, target });
    },
    prepare: async (slug, mode, image) => {
      if (config.modes[mode]?.deploy?.driver !== "helm") return;
      await uploadSnapshot(targets.target, {
        localDir: join(workspace.versionsDir, slug, "snapshot"),
        projectDir: targets.projectDir,
        slug,
        fingerprint: image.snapshot_fingerprint,
      });
    },
    list: async ({ containers: withContainers = true } = {}) => {
      const processes = await processDriver.list();
      if (!withContainers) return sortByName(processes);
      const containers = await docker.list().catch((error: unknown) => {
        if (isStagingError(error) && ["E_DOCKER_UNAVAILABLE", "E_TARGET_NOT_FOUND"].includes(error.code))
          return [];
        throw error;
      });
      return sortByName([...processes, ...containers]);
    },
  };
}

function sortByName(deployments: Deployment[]): Deployment[] {
  return deployments.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The repository's scripts/ folder, found upward from this module (in src/ or in dist/). */
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
function helmEnv(
  config: ResolvedConfig,
  targets: GraphTargets,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const named = config.targets[config.target];
  const parsed = parseTargetUrl(named?.url ?? targets.target.name);
  if (parsed.kind !== "ssh") {
    throw new StagingError("The helm deploy driver needs an SSH target", {
      code: "E_CONFIG",
      facts: { target: targets.target.name, expected: "ssh://user@host:port (a VM with k3s and Helm)" },
    });
  }
  const e2e: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith("E2E_") && v !== undefined) e2e[k] = v;
  return {
    ...e2e,
    E2E_VM_LIFECYCLE: e2e.E2E_VM_LIFECYCLE ?? "external",
    E2E_SSH_HOST: parsed.address.host,
    E2E_SSH_PORT: String(parsed.address.port ?? 22),
    E2E_SSH_USER: parsed.address.user ?? e2e.E2E_SSH_USER ?? "ubuntu",
    E2E_REMOTE_PROJECT_DIR: targets.projectDir,
    ...(named?.identity ? { E2E_SSH_IDENTITY: named.identity } : {}),
    ...(named?.knownHosts ? { E2E_KNOWN_HOSTS: named.knownHosts } : {}),
  };
}
