import type { DeployDriver, Deployment } from "./DeployDriver.js";

/** The driver of each kind a caller has at hand; a deployment of a missing kind fails. */
export type DriversByKind = Partial<Record<Deployment["driver"], DeployDriver>>;

export interface StopAllResult {
  stopped: Deployment[];
  failed: { deployment: Deployment; error: unknown }[];
}

/**
 * Stops every deployment at once, each with its own kind's driver, and never throws: one that
 * fails to stop is reported, the others are still stopped. For `down`, and for the SIGINT of a
 * `make` (what it started, or `driver.list()` to sweep a workspace).
 */
export async function stopAll(
  deployments: readonly Deployment[],
  drivers: DriversByKind,
): Promise<StopAllResult> {
  const result: StopAllResult = { stopped: [], failed: [] };
  await Promise.all(
    deployments.map(async (deployment) => {
      const driver = drivers[deployment.driver];
      try {
        if (driver === undefined)
          throw new Error(`no ${deployment.driver} driver to stop ${deployment.name}`);
        await driver.stop(deployment);
        result.stopped.push(deployment);
      } catch (error) {
        result.failed.push({ deployment, error });
      }
    }),
  );
  return result;
}

/** Deployments of `version`, or of `version:mode` (the selector of `staging down`); all without one. */
export function selectDeployments(deployments: readonly Deployment[], selector?: string): Deployment[] {
  if (selector === undefined || selector === "") return [...deployments];
  const colon = selector.indexOf(":");
  const version = colon < 0 ? selector : selector.slice(0, colon);
  const mode = colon < 0 ? undefined : selector.slice(colon + 1);
  return deployments.filter((dep) => dep.version === version && (mode === undefined || dep.mode === mode));
}
