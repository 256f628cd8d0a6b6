import type { ContainerSummary } from "../docker/index.js";
import type { Deployment } from "./DeployDriver.js";
import { deploymentUrl } from "./deploySpec.js";

/**
 * The labels a deployed container carries: the workspace's id finds them (`docker ps --filter`),
 * the rest rebuild its `Deployment` for `list`, even in another process than the one that started it.
 */
export const DEPLOY_LABELS = {
  workspace: "staging.workspace",
  version: "staging.version",
  mode: "staging.mode",
  fingerprint: "staging.build-fingerprint",
  port: "staging.port",
  healthPath: "staging.health-path",
  logFile: "staging.log-file",
  startedAt: "staging.started-at",
} as const;

export function deploymentLabels(dep: Deployment): Record<string, string> {
  return {
    [DEPLOY_LABELS.workspace]: dep.workspaceId,
    [DEPLOY_LABELS.version]: dep.version,
    [DEPLOY_LABELS.mode]: dep.mode,
    [DEPLOY_LABELS.fingerprint]: dep.buildFingerprint,
    [DEPLOY_LABELS.port]: String(dep.port),
    [DEPLOY_LABELS.healthPath]: dep.healthPath,
    [DEPLOY_LABELS.logFile]: dep.logFile,
    [DEPLOY_LABELS.startedAt]: dep.startedAt,
  };
}

/** The deployment a labelled container is, or null when its labels are not a deployment's. */
export function deploymentOfContainer(container: ContainerSummary): Deployment | null {
  const label = (key: keyof typeof DEPLOY_LABELS) => container.labels[DEPLOY_LABELS[key]];
  const [workspaceId, version, mode, buildFingerprint] = [
    label("workspace"),
    label("version"),
    label("mode"),
    label("fingerprint"),
  ];
  const port = Number(label("port"));
  if (!workspaceId || !version || !mode || !buildFingerprint || !Number.isInteger(port) || port <= 0)
    return null;
  return {
    driver: "docker",
    name: container.name,
    workspaceId,
    version,
    mode,
    url: deploymentUrl(port),
    port,
    healthPath: label("healthPath") ?? "/health",
    containerId: container.id,
    logFile: label("logFile") ?? "",
    buildFingerprint,
    startedAt: label("startedAt") ?? "",
  };
}
