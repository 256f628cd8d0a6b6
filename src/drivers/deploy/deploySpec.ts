import { isContainerName } from "../docker/names.js";
import type { Deployment, DeploySpec } from "./DeployDriver.js";
import { specError } from "./deployErrors.js";

export const DEFAULT_HEALTH_PATH = "/health";
export const DEFAULT_READY_TIMEOUT_MS = 20_000;
/** The only address a deployment binds to and is reached at. */
export const DEPLOY_HOST = "127.0.0.1";

/** A spec with its defaults filled in and its values checked. */
export type ResolvedSpec = DeploySpec & { healthPath: string; readyTimeoutMs: number; name: string };

const CPUS = /^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `staging-<workspaceId>-<version>-<mode>`, checked against docker's container name rules. */
export function deploymentName(workspaceId: string, version: string, mode: string): string {
  const name = `staging-${workspaceId}-${version}-${mode}`;
  if (!isContainerName(name) || name.length > 128)
    throw specError("name", name, "workspace id, version and mode made of [a-zA-Z0-9_.-]");
  return name;
}

export function resolveSpec(spec: DeploySpec): ResolvedSpec {
  const healthPath = spec.healthPath ?? DEFAULT_HEALTH_PATH;
  const readyTimeoutMs = spec.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  if (!healthPath.startsWith("/")) throw specError("healthPath", healthPath, "a path starting with /");
  if (!Number.isFinite(readyTimeoutMs) || readyTimeoutMs <= 0)
    throw specError("readyTimeoutMs", String(readyTimeoutMs), "a positive number of milliseconds");
  if (spec.cpus !== undefined && !CPUS.test(spec.cpus))
    throw specError("cpus", spec.cpus, "a CPU list such as 1, 0-1 or 0,2");
  for (const key of Object.keys(spec.env))
    if (!ENV_NAME.test(key)) throw specError("env", key, "variable names made of [A-Za-z0-9_]");
  if (spec.buildFingerprint === "") throw specError("buildFingerprint", "", "a non-empty fingerprint");
  const name = deploymentName(spec.workspaceId, spec.version, spec.mode);
  return { ...spec, healthPath, readyTimeoutMs, name };
}

/** The service's environment: the spec's, then the variables every deployment gets. */
export function serviceEnv(spec: DeploySpec, port: number): Record<string, string> {
  return {
    ...spec.env,
    PORT: String(port),
    HOST: DEPLOY_HOST,
    STAGING_VERSION: spec.version,
    STAGING_MODE: spec.mode,
    STAGING_BUILD_FINGERPRINT: spec.buildFingerprint,
  };
}

/** Replaces `{name}` placeholders in every argument; unknown placeholders stay as they are. */
export function substituteArgs(argv: readonly string[], values: Record<string, string>): string[] {
  return argv.map((arg) => arg.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole));
}

export function deploymentUrl(port: number): string {
  return `http://${DEPLOY_HOST}:${port}`;
}

/** The fields every driver's Deployment shares, for a spec started on `port`. */
export function deploymentBase(spec: ResolvedSpec, driver: Deployment["driver"], port: number): Deployment {
  return {
    driver,
    name: spec.name,
    workspaceId: spec.workspaceId,
    version: spec.version,
    mode: spec.mode,
    url: deploymentUrl(port),
    port,
    healthPath: spec.healthPath,
    logFile: spec.logFile,
    buildFingerprint: spec.buildFingerprint,
    startedAt: new Date().toISOString(),
  };
}
