import { spawnSync } from "node:child_process";

/**
 * Whether a docker daemon answers here (`docker info`), checked once per test file. Integration
 * tests that need it call `requireOrSkip(dockerAvailable(), "dockerd")`.
 */
let answered: boolean | undefined;

export function dockerAvailable(): boolean {
  if (answered === undefined) {
    const result = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], {
      encoding: "utf8",
      timeout: 15_000,
    });
    answered = result.status === 0 && result.stdout.trim() !== "";
  }
  return answered;
}

/** Whether an image exists locally (e.g. a base image made by scripts/make-base-images.sh). */
export function dockerImageExists(ref: string): boolean {
  return spawnSync("docker", ["image", "inspect", ref], { timeout: 15_000 }).status === 0;
}

/** The base image tests build FROM; made by `scripts/make-base-images.sh`. */
export const NODE_BASE_IMAGE = "staging-base/node:20";

/** The label every container and image a test creates carries, so leftovers can be swept. */
export const TEST_LABEL = "org.staging.test";

/** A label value unique to this test process (distinct files run in parallel workers). */
export function testRunId(): string {
  return `t${process.pid}-${Date.now().toString(36)}`;
}

/** Removes every container carrying `TEST_LABEL=<runId>` (best effort, for afterAll). */
export function removeTestContainers(runId: string): void {
  const ps = spawnSync("docker", ["ps", "--all", "--quiet", "--filter", `label=${TEST_LABEL}=${runId}`], {
    encoding: "utf8",
    timeout: 15_000,
  });
  const ids = (ps.stdout ?? "").split("\n").filter((line) => line.trim() !== "");
  if (ids.length > 0) spawnSync("docker", ["rm", "--force", ...ids], { timeout: 30_000 });
}

/** Removes images by reference (best effort, for afterAll). */
export function removeTestImages(refs: readonly string[]): void {
  if (refs.length > 0) spawnSync("docker", ["image", "rm", "--force", ...refs], { timeout: 30_000 });
}
