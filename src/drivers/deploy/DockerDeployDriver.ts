import type { DockerCli } from "../docker/index.js";
import type { Tether } from "../../targets/Tether.js";
import type { StagingError } from "../../errors/index.js";
import type { CheckResult, DeployDriver, Deployment, DeploySpec } from "./DeployDriver.js";
import { interruptedError, specError, unhealthyError } from "./deployErrors.js";
import { type ResolvedSpec, deploymentBase, resolveSpec, serviceEnv, substituteArgs } from "./deploySpec.js";
import { DEPLOY_LABELS, deploymentLabels, deploymentOfContainer } from "./dockerLabels.js";
import { freePort, portWasTaken } from "./freePort.js";
import { type HealthFetcher, fetchHealth, probeHealth } from "./healthProbe.js";
import { lastLines } from "../../fsutil/logTail.js";
import { saveContainerLogs } from "./saveContainerLogs.js";
import { waitHealthy } from "./waitHealthy.js";

export interface DockerDeployDriverOptions {
  docker: DockerCli;
  /** `list` finds the containers labelled `staging.workspace=<workspaceId>`. */
  workspaceId: string;
  /** @default `fetch` from this machine to the deployment's URL */
  healthFetcher?: HealthFetcher;
  /** A port free on the target. @default a free port of this machine (right for a local target) */
  pickPort?: () => Promise<number>;
  /** Extra labels on every container, e.g. a test run's. */
  labels?: Record<string, string>;
  /** Starts tried when the chosen port was taken before the service bound it. @default 3 */
  portAttempts?: number;
}

type Attempt = { deployment: Deployment } | { error: StagingError; lastLines: string };

/** How often (in polls) the ready wait asks docker whether the container still runs. */
const INSPECT_EVERY = 5;

/**
 * Deploys an image as `docker run -d --network host` on a target; the port comes through PORT. A
 * watchdog on the target removes the container when this process ends, even by SIGKILL: until it
 * is healthy, and for as long as it runs when the spec is `tethered` (a measured run's).
 */
export class DockerDeployDriver implements DeployDriver {
  readonly kind = "docker" as const;
  private readonly docker: DockerCli;
  private readonly fetcher: HealthFetcher;
  /** Watchdogs of the containers this process started and still holds, by container id. */
  private readonly held = new Map<string, Tether>();

  constructor(private readonly options: DockerDeployDriverOptions) {
    this.docker = options.docker;
    this.fetcher = options.healthFetcher ?? fetchHealth;
  }

  async start(spec: DeploySpec, signal?: AbortSignal): Promise<Deployment> {
    const resolved = resolveSpec(spec);
    if (resolved.workspaceId !== this.options.workspaceId)
      throw specError(
        "workspaceId",
        resolved.workspaceId,
        `this driver's workspace ${this.options.workspaceId}`,
      );
    if (!resolved.image) throw specError("image", "", "the image id or tag to run");
    await this.docker.removeContainer(resolved.name); // a fresh restart
    const attempts = this.options.portAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const port = await (this.options.pickPort ?? freePort)();
      const outcome = await this.attempt(resolved, port, signal);
      if ("deployment" in outcome) return outcome.deployment;
      if (attempt >= attempts || !portWasTaken(outcome.lastLines)) throw outcome.error;
    }
  }

  private async attempt(spec: ResolvedSpec, port: number, signal?: AbortSignal): Promise<Attempt> {
    const dep = describe(spec, port);
    const { id, tether } = await this.run(spec, dep);
    dep.containerId = id;
    this.held.set(id, tether);
    const outcome = await waitHealthy({
      probe: (timeoutMs) =>
        probeHealth(this.fetcher, dep.url, dep.healthPath, dep.buildFingerprint, timeoutMs),
      ended: this.endedProbe(dep),
      timeoutMs: spec.readyTimeoutMs,
      signal,
    });
    if (outcome.ok) {
      if (!spec.tethered) await this.release(id, (t) => t.release());
      return { deployment: dep };
    }
    const logs = await saveContainerLogs(this.docker, dep);
    await this.docker.removeContainer(id);
    await this.release(id, (t) => t.cut());
    if (outcome.why === "aborted") throw interruptedError(spec.version, spec.mode);
    const tail = lastLines(logs);
    const facts = { version: spec.version, mode: spec.mode, reason: outcome.reason, log: spec.logFile };
    const where = `${this.docker.target.name} (container ${spec.name})`;
    return {
      error: unhealthyError({ ...facts, lastLines: tail, timeoutMs: spec.readyTimeoutMs, where }),
      lastLines: tail,
    };
  }

  /** `docker run -d` under a watchdog; a container created but not started (e.g. no such executable) is removed. */
  private async run(spec: ResolvedSpec, dep: Deployment): Promise<{ id: string; tether: Tether }> {
    try {
      return await this.docker.runTethered({
        name: spec.name,
        image: spec.image ?? "",
        env: serviceEnv(spec, dep.port),
        cpusetCpus: spec.cpus,
        labels: { ...this.options.labels, ...deploymentLabels(dep) },
        command:
          spec.command.length > 0 ? substituteArgs(spec.command, { port: String(dep.port) }) : undefined,
      });
    } catch (error) {
      await this.docker.removeContainer(spec.name).catch(() => false);
      throw error;
    }
  }

  /** Every few polls, whether the container has stopped (a crash fails fast, not at the timeout). */
  private endedProbe(dep: Deployment): () => Promise<string | undefined> {
    let polls = 0;
    return async () => {
      if (++polls % INSPECT_EVERY !== 0) return undefined;
      const state = await this.docker.containerState(dep.containerId ?? dep.name);
      if (state === null) return `container ${dep.name} was removed`;
      return state.running ? undefined : `container ${dep.name} exited with code ${state.exitCode}`;
    };
  }

  async check(dep: Deployment): Promise<CheckResult> {
    const state = await this.docker.containerState(dep.containerId ?? dep.name);
    if (state === null) return { ok: false, reason: `container ${dep.name} removed` };
    if (!state.running)
      return {
        ok: false,
        reason: `container ${dep.name} is not running (${state.status}, exit code ${state.exitCode})`,
      };
    return probeHealth(this.fetcher, dep.url, dep.healthPath, dep.buildFingerprint);
  }

  async stop(dep: Deployment): Promise<void> {
    await this.docker.removeContainer(dep.containerId ?? dep.name);
    if (dep.containerId !== undefined) await this.release(dep.containerId, (t) => t.cut());
  }

  /** Ends the watchdog of a container this process started: released (it lives on) or cut (removed). */
  private async release(id: string, end: (tether: Tether) => Promise<void>): Promise<void> {
    const tether = this.held.get(id);
    this.held.delete(id);
    if (tether) await end(tether);
  }

  async list(): Promise<Deployment[]> {
    const containers = await this.docker.listContainers({
      [DEPLOY_LABELS.workspace]: this.options.workspaceId,
    });
    return containers.map(deploymentOfContainer).filter((dep): dep is Deployment => dep !== null);
  }
}

function describe(spec: ResolvedSpec, port: number): Deployment {
  return deploymentBase(spec, "docker", port);
}
