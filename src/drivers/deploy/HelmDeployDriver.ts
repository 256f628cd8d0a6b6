import { join } from "node:path";
import { ExitCode, StagingError } from "../../errors/index.js";
import { LocalTarget } from "../../targets/LocalTarget.js";
import type { CommandResult, RunOptions } from "../../targets/Target.js";
import type { CheckResult, DeployDriver, Deployment, DeploySpec } from "./DeployDriver.js";
import { interruptedError, unhealthyError } from "./deployErrors.js";
import { type ResolvedSpec, deploymentBase, resolveSpec } from "./deploySpec.js";
import { type HealthFetcher, fetchHealth, probeHealth } from "./healthProbe.js";
import { lastLines } from "../../fsutil/logTail.js";
import { waitHealthy } from "./waitHealthy.js";

/**
 * `Deployment["driver"]` is `"process" | "docker"` in DeployDriver.ts; until `"helm"` is added
 * there, a Helm deployment is this widened type (structurally a Deployment in every other field).
 */
export type HelmDeployment = Deployment & {
  /** The Helm release on the VM (`staging-<slug>-<mode>`, or E2E_HELM_RELEASE). */
  release: string;
};

export type ScriptRunner = (argv: readonly string[], options?: RunOptions) => Promise<CommandResult>;

export interface HelmDeployDriverOptions {
  /** Absolute path of the repository's `scripts/` (holding `e2e-k3s-helm.sh` and `lib/`). */
  scriptsDir: string;
  /**
   * The script's E2E_* settings: E2E_SSH_HOST/PORT/USER, E2E_SSH_IDENTITY, E2E_KNOWN_HOSTS,
   * E2E_VM_LIFECYCLE, E2E_REMOTE_PROJECT_DIR, E2E_REMOTE_PATH_PREFIX, E2E_NAMESPACE, ...
   */
  env: Record<string, string>;
  /** Runs the script on this machine. @default `new LocalTarget().run` */
  run?: ScriptRunner;
  /** @default `fetch` from this machine to the `E2E_URL` the script printed */
  healthFetcher?: HealthFetcher;
  /** How long one run of the script may take (build, push, rollout). @default 900000 */
  scriptTimeoutMs?: number;
}

const SCRIPT = "e2e-k3s-helm.sh";
const URL_LINE = /^E2E_URL=(https?:\/\/\S+)\s*$/;
const DEFAULT_SCRIPT_TIMEOUT_MS = 900_000;

/**
 * Deploys a version in a mode on the k3s VM through the seed's `scripts/e2e-k3s-helm.sh`: the
 * script builds and pushes the image on the VM over SSH, runs `helm upgrade --install` as a
 * NodePort service and prints `E2E_URL=http://<vm>:<nodeport>`; the driver then waits for
 * `/health` to answer the build fingerprint at that URL, from this machine.
 *
 * Shaped as a `DeployDriver` (kind "helm"); it implements the interface formally once `"helm"` is
 * a member of `Deployment["driver"]`.
 */
export class HelmDeployDriver implements DeployDriver {
  readonly kind = "helm" as const;
  private readonly run: ScriptRunner;
  private readonly fetcher: HealthFetcher;

  constructor(private readonly options: HelmDeployDriverOptions) {
    const local = new LocalTarget();
    this.run = options.run ?? ((argv, runOptions) => local.run(argv, runOptions));
    this.fetcher = options.healthFetcher ?? fetchHealth;
  }

  /** `helm upgrade --install` replaces a release of the same name: a fresh restart. */
  async start(spec: DeploySpec, signal?: AbortSignal): Promise<HelmDeployment> {
    const resolved = resolveSpec(spec);
    const release = this.releaseName(resolved.version, resolved.mode);
    let result: CommandResult;
    try {
      result = await this.script([resolved.version, resolved.mode], resolved.logFile, signal);
    } catch (error) {
      if (signal?.aborted) {
        await this.down(resolved.version, resolved.mode, resolved.logFile).catch(() => undefined);
        throw interruptedError(resolved.version, resolved.mode);
      }
      throw error;
    }
    const output = `${result.stdout}\n${result.stderr}`;
    const url = parseUrl(result.stdout);
    if (result.exitCode !== 0 || url === undefined)
      throw helmError(resolved, result.exitCode, url === undefined, lastLines(output));
    const dep = describe(resolved, release, url);
    const outcome = await waitHealthy({
      probe: (timeoutMs) =>
        probeHealth(this.fetcher, dep.url, dep.healthPath, dep.buildFingerprint, timeoutMs),
      ended: () => Promise.resolve(undefined), // the rollout already waited; only /health tells
      timeoutMs: resolved.readyTimeoutMs,
      signal,
    });
    if (outcome.ok) return dep;
    await this.down(resolved.version, resolved.mode, resolved.logFile).catch(() => undefined);
    if (outcome.why === "aborted") throw interruptedError(resolved.version, resolved.mode);
    throw unhealthyError({
      version: resolved.version,
      mode: resolved.mode,
      reason: outcome.reason,
      log: resolved.logFile,
      lastLines: lastLines(output),
      timeoutMs: resolved.readyTimeoutMs,
      where: `${this.options.env.E2E_SSH_HOST ?? "the VM"} (helm release ${release})`,
    });
  }

  /** `/health` at the NodePort URL answers 200 with the build fingerprint. */
  check(dep: Deployment | HelmDeployment): Promise<CheckResult> {
    return probeHealth(this.fetcher, dep.url, dep.healthPath, dep.buildFingerprint);
  }

  /** `e2e-k3s-helm.sh --down <slug> <mode>`: `helm uninstall`; a release not installed is fine. */
  async stop(dep: Deployment | HelmDeployment): Promise<void> {
    const result = await this.down(dep.version, dep.mode, dep.logFile);
    if (result.exitCode !== 0)
      throw new StagingError(`cannot uninstall the helm release of ${dep.version}:${dep.mode}`, {
        code: "E_DEPLOY_HELM",
        exitCode: ExitCode.nodeFailed,
        facts: {
          release: this.releaseName(dep.version, dep.mode),
          "exit code": result.exitCode,
          "last lines": lastLines(`${result.stdout}\n${result.stderr}`) || "(no output)",
        },
        hint: `run bash ${this.scriptPath()} --down ${dep.version} ${dep.mode} to see why`,
      });
  }

  /**
   * Helm releases live on the VM and are not recorded here; `down` stops them by version and mode
   * (`stop`, through the script's `--down`), so there is nothing local to list.
   */
  list(): Promise<HelmDeployment[]> {
    return Promise.resolve([]);
  }

  /** The script's own rule: E2E_HELM_RELEASE or `staging-<slug>-<mode>`, lowercased, [a-z0-9-], 53 chars. */
  releaseName(version: string, mode: string): string {
    const name = (this.options.env.E2E_HELM_RELEASE || `staging-${version}-${mode}`)
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-")
      .slice(0, 53);
    return name.endsWith("-") ? name.slice(0, -1) : name;
  }

  private scriptPath(): string {
    return join(this.options.scriptsDir, SCRIPT);
  }

  private down(version: string, mode: string, logFile: string): Promise<CommandResult> {
    return this.script(["--down", version, mode], logFile);
  }

  private script(args: string[], logFile: string, signal?: AbortSignal): Promise<CommandResult> {
    return this.run(["bash", this.scriptPath(), ...args], {
      env: this.options.env,
      logFile,
      signal,
      timeoutMs: this.options.scriptTimeoutMs ?? DEFAULT_SCRIPT_TIMEOUT_MS,
    });
  }
}

/** The last `E2E_URL=` line of the script's stdout. */
export function parseUrl(stdout: string): string | undefined {
  let url: string | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    const match = URL_LINE.exec(line.trim());
    if (match?.[1]) url = match[1].replace(/\/+$/, "");
  }
  return url;
}

function describe(spec: ResolvedSpec, release: string, url: string): HelmDeployment {
  const parsed = new URL(url);
  const port = Number(parsed.port || (parsed.protocol === "https:" ? 443 : 80));
  return { ...deploymentBase(spec, "helm", port), name: release, release, url };
}

function helmError(spec: ResolvedSpec, exitCode: number, noUrl: boolean, tail: string): StagingError {
  const headline =
    exitCode === 0
      ? `the helm deploy of ${spec.version}:${spec.mode} printed no E2E_URL`
      : `the helm deploy of ${spec.version}:${spec.mode} failed`;
  return new StagingError(headline, {
    code: "E_DEPLOY_HELM",
    exitCode: ExitCode.nodeFailed,
    facts: {
      version: spec.version,
      mode: spec.mode,
      "exit code": exitCode,
      url: noUrl ? "(none printed)" : undefined,
      log: spec.logFile,
      "last lines": tail || "(no output)",
    },
    hint: "read the last lines: scripts/e2e-k3s-helm.sh --check <slug> <mode> checks SSH, the snapshot and the tools",
  });
}
