import { dirname } from "node:path";
import type { StagingError } from "../../errors/index.js";
import type { CheckResult, DeployDriver, Deployment, DeploySpec } from "./DeployDriver.js";
import { interruptedError, specError, unhealthyError } from "./deployErrors.js";
import { type ResolvedSpec, deploymentBase, resolveSpec, serviceEnv, substituteArgs } from "./deploySpec.js";
import { freePort, portWasTaken } from "./freePort.js";
import { type HealthFetcher, fetchHealth, probeHealth } from "./healthProbe.js";
import { tailFile } from "../../fsutil/logTail.js";
import { isLive, readProcStat } from "./procStat.js";
import { STOP_GRACE_MS, stopProcessGroup } from "./processGroup.js";
import { type Launched, placementPrefix, spawnService } from "./spawnService.js";
import { StateDir } from "./StateDir.js";
import { waitHealthy } from "./waitHealthy.js";

export interface ProcessDeployDriverOptions {
  /** Where `list` finds the records: the `stateDir` of the specs this workspace starts. */
  stateDir: string;
  /** When set, `list` leaves out records of other workspaces. */
  workspaceId?: string;
  /** @default `fetch` from this machine */
  healthFetcher?: HealthFetcher;
  /** Between SIGTERM and SIGKILL. @default 5000 */
  stopGraceMs?: number;
  /** Starts tried when the chosen port was taken before the service bound it. @default 3 */
  portAttempts?: number;
}

type Attempt = { deployment: Deployment } | { error: StagingError; lastLines: string };

/**
 * Deploys a built artifact as a local process group listening on 127.0.0.1, output to a log file.
 * A supervisor stops the service when this process ends, even by SIGKILL: until it is healthy,
 * and for as long as it runs when the spec is `tethered` (a measured run's service).
 */
export class ProcessDeployDriver implements DeployDriver {
  readonly kind = "process" as const;
  private readonly fetcher: HealthFetcher;
  /** Supervisors of the services this process started and still holds, by pid. */
  private readonly held = new Map<number, Launched>();

  constructor(private readonly options: ProcessDeployDriverOptions) {
    this.fetcher = options.healthFetcher ?? fetchHealth;
  }

  async start(spec: DeploySpec, signal?: AbortSignal): Promise<Deployment> {
    const resolved = resolveSpec(spec);
    if (resolved.artifactDir === undefined)
      throw specError("artifactDir", "", "the folder holding the built artifact");
    if (resolved.command.length === 0) throw specError("command", "[]", "the argv that runs the artifact");
    const prefix = placementPrefix(resolved.cpus);
    const previous = await new StateDir(resolved.stateDir).read(resolved.name);
    if (previous !== null) await this.stop(previous);
    const attempts = this.options.portAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(resolved, prefix, await freePort(), signal);
      if ("deployment" in outcome) return outcome.deployment;
      if (attempt >= attempts || !portWasTaken(outcome.lastLines)) throw outcome.error;
    }
  }

  private async attempt(
    spec: ResolvedSpec,
    prefix: string[],
    port: number,
    signal?: AbortSignal,
  ): Promise<Attempt> {
    const values = { artifact: spec.artifactDir ?? "", port: String(port) };
    const argv = [...prefix, ...substituteArgs(spec.command, values)];
    const launched = await spawnService(argv, serviceEnv(spec, port), spec.logFile, this.graceMs);
    this.held.set(launched.pid, launched);
    const dep = await this.record(spec, port, launched);
    const outcome = await waitHealthy({
      probe: (timeoutMs) =>
        probeHealth(this.fetcher, dep.url, dep.healthPath, dep.buildFingerprint, timeoutMs),
      ended: async () => launched.ended() && `${launched.ended()} before ${dep.healthPath} answered`,
      timeoutMs: spec.readyTimeoutMs,
      signal,
    });
    if (outcome.ok) {
      if (spec.tethered) launched.unref();
      else {
        launched.detach();
        this.held.delete(launched.pid);
      }
      return { deployment: dep };
    }
    await this.stop(dep);
    if (outcome.why === "aborted") throw interruptedError(spec.version, spec.mode);
    const lastLines = await tailFile(spec.logFile, launched.logOffset);
    const facts = { version: spec.version, mode: spec.mode, reason: outcome.reason, log: spec.logFile };
    const error = unhealthyError({ ...facts, lastLines, timeoutMs: spec.readyTimeoutMs, where: "local" });
    return { error, lastLines };
  }

  /** Writes the state file before the health wait: a crash from here on leaves a findable record. */
  private async record(spec: ResolvedSpec, port: number, launched: Launched): Promise<Deployment> {
    const state = new StateDir(spec.stateDir);
    const dep: Deployment = {
      ...deploymentBase(spec, "process", port),
      pid: launched.pid,
      startTicks: launched.startTicks,
      stateFile: state.fileOf(spec.name),
    };
    try {
      await state.write(dep);
    } catch (error) {
      await stopProcessGroup(launched.pid, launched.startTicks, 0);
      await this.release(launched.pid);
      throw error;
    }
    return dep;
  }

  async check(dep: Deployment): Promise<CheckResult> {
    if (dep.pid === undefined) return { ok: false, reason: `deployment ${dep.name} records no pid` };
    const stat = readProcStat(dep.pid);
    if (!isLive(stat)) return { ok: false, reason: `process ${dep.pid} is not running` };
    if (dep.startTicks !== undefined && stat.startTicks !== dep.startTicks)
      return { ok: false, reason: `process ${dep.pid} is not running (its pid now names another process)` };
    return probeHealth(this.fetcher, dep.url, dep.healthPath, dep.buildFingerprint);
  }

  async stop(dep: Deployment): Promise<void> {
    if (dep.pid !== undefined) {
      await stopProcessGroup(dep.pid, dep.startTicks, this.graceMs);
      await this.release(dep.pid);
    }
    const state = new StateDir(dep.stateFile !== undefined ? dirname(dep.stateFile) : this.options.stateDir);
    const current = await state.read(dep.name);
    // A newer deployment of the same name keeps its record.
    if (current !== null && current.pid === dep.pid && current.startTicks === dep.startTicks)
      await state.remove(dep.name);
  }

  private get graceMs(): number {
    return this.options.stopGraceMs ?? STOP_GRACE_MS;
  }

  /** Ends the supervision of a service this process started (it is stopped already). */
  private async release(pid: number): Promise<void> {
    const launched = this.held.get(pid);
    this.held.delete(pid);
    await launched?.end();
  }

  async list(): Promise<Deployment[]> {
    const records = await new StateDir(this.options.stateDir).list();
    const workspace = this.options.workspaceId;
    return records.filter(
      (dep) => dep.driver === "process" && (workspace === undefined || dep.workspaceId === workspace),
    );
  }
}
