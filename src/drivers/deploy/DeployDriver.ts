/** What a deploy node asks a driver to start: one version of the service in one mode. */
export interface DeploySpec {
  /** Short stable id of the workspace (e.g. the first 8 hex of the sha256 of its path). */
  workspaceId: string;
  version: string;
  mode: string;
  /** Local process: the folder holding the built artifact (`{artifact}` in `command`). */
  artifactDir?: string;
  /** Docker: image id or tag. */
  image?: string;
  /**
   * Local process: argv, `{artifact}` and `{port}` replaced in every argument.
   * Docker: an optional command override (`{port}` replaced); empty means the image's CMD.
   */
  command: string[];
  /** Extra environment; PORT, HOST, STAGING_VERSION, STAGING_MODE and STAGING_BUILD_FINGERPRINT are added over it. */
  env: Record<string, string>;
  /** @default "/health" */
  healthPath?: string;
  /** How long the service has to answer `/health` with its build fingerprint. @default 20000 */
  readyTimeoutMs?: number;
  /** CPU placement, e.g. "1" or "0-1": `taskset -c` locally, `--cpuset-cpus` in Docker. */
  cpus?: string;
  /** A local file: the process's output (local), the container's output on failure (docker). */
  logFile: string;
  /** The fingerprint the service must answer with on `/health` (`build_fingerprint`). */
  buildFingerprint: string;
  /** Local folder holding one JSON file per running deployment (process driver). */
  stateDir: string;
  /**
   * The service belongs to this process: it stops when this process ends, even by SIGKILL (a
   * measured run's service). Otherwise it outlives this process once healthy (a deploy node's);
   * until then it is tethered too. @default false
   */
  tethered?: boolean;
}

/** What runs, and how to reach it: the output record of a deploy node. */
export interface Deployment {
  driver: "process" | "docker" | "helm";
  /** `staging-<workspaceId>-<version>-<mode>`: the container name, or the state file's name. */
  name: string;
  workspaceId: string;
  version: string;
  mode: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  healthPath: string;
  /** Process driver: the pid, which is also the id of its process group. */
  pid?: number;
  /** Process driver: field 22 of `/proc/<pid>/stat`, so a reused pid is not taken for the service. */
  startTicks?: string;
  /** Process driver: the JSON file that records this deployment. */
  stateFile?: string;
  containerId?: string;
  logFile: string;
  buildFingerprint: string;
  /** ISO 8601. */
  startedAt: string;
}

export type CheckResult = { ok: true } | { ok: false; reason: string };

/**
 * Starts, checks and stops deployments of one workspace. Implementations: `ProcessDeployDriver`
 * (a local process group) and `DockerDeployDriver` (a container on a target).
 */
export interface DeployDriver {
  readonly kind: Deployment["driver"];
  /**
   * Starts the service (replacing one of the same name) and resolves once `/health` answers 200
   * with `spec.buildFingerprint`. It is recorded before the wait, so a crash leaves it findable
   * by `list`. Not healthy in time: `E_DEPLOY_UNHEALTHY`, nothing left running. Aborted: stopped,
   * `E_DEPLOY_INTERRUPTED`.
   */
  start(spec: DeploySpec, signal?: AbortSignal): Promise<Deployment>;
  /** The live check: alive, and `/health` answers 200 with `dep.buildFingerprint`. */
  check(dep: Deployment): Promise<CheckResult>;
  /** Stops it (TERM, up to 5 s, KILL; docker: `rm -f`) and forgets it. Gone already is fine. */
  stop(dep: Deployment): Promise<void>;
  /** Every deployment recorded for this workspace, running or not. */
  list(): Promise<Deployment[]>;
}
