import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerCli } from "../../../../src/drivers/docker/index.js";
import { DockerDeployDriver, type DeploySpec } from "../../../../src/drivers/deploy/index.js";
import { StagingError } from "../../../../src/errors/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import {
  NODE_BASE_IMAGE,
  TEST_LABEL,
  dockerAvailable,
  dockerImageExists,
  removeTestContainers,
  removeTestImages,
  testRunId,
} from "../../../helpers/docker.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { buildService, demoRoot } from "../../demo/demoService.js";
import { health, testWorkspaceId } from "./deployFixture.js";

const ready =
  requireOrSkip(dockerAvailable(), "dockerd (scripts/ci/start-dockerd.sh)") &&
  requireOrSkip(dockerImageExists(NODE_BASE_IMAGE), `${NODE_BASE_IMAGE} (scripts/make-base-images.sh)`);

const runId = testRunId();
const workspaceId = testWorkspaceId();
const tag = `staging-deploy-test:${runId}`;
let root: string;
let driver: DockerDeployDriver;

/** `docker ps -a` with the workspace's label, straight from the client. */
const containersOfWorkspace = () =>
  spawnSync("docker", ["ps", "--all", "--quiet", "--filter", `label=staging.workspace=${workspaceId}`], {
    encoding: "utf8",
  })
    .stdout.split("\n")
    .filter((line) => line.trim() !== "");

beforeAll(async () => {
  if (!ready) return;
  root = mkdtempSync(join(tmpdir(), "staging-deploy-docker-it-"));
  const out = join(root, "out");
  await buildService("baseline", "node", out);
  const docker = new DockerCli(new LocalTarget());
  const dockerfile = join(demoRoot, "docker/node.Dockerfile");
  await docker.build({
    contextDir: out,
    dockerfile,
    tag,
    logFile: join(root, "build.log"),
    labels: { [TEST_LABEL]: runId },
  });
  driver = new DockerDeployDriver({ docker, workspaceId, labels: { [TEST_LABEL]: runId } });
}, 180_000);

afterAll(() => {
  if (!ready) return;
  removeTestContainers(runId);
  removeTestImages([tag]);
  if (root) rmSync(root, { recursive: true, force: true });
});

const spec = (overrides: Partial<DeploySpec> = {}): DeploySpec => ({
  workspaceId,
  version: "baseline",
  mode: "node",
  image: tag,
  command: [],
  env: {},
  logFile: join(root, "deploy.log"),
  buildFingerprint: "fp-docker-node",
  stateDir: join(root, "state"),
  readyTimeoutMs: 15_000,
  ...overrides,
});

describe.runIf(ready)("DockerDeployDriver", () => {
  it("runs the image on the host network, checks it, notices a container removed by hand", async () => {
    const dep = await driver.start(spec({ cpus: "0" }));
    expect(dep).toMatchObject({
      driver: "docker",
      name: `staging-${workspaceId}-baseline-node`,
      url: `http://127.0.0.1:${dep.port}`,
    });
    expect(dep.containerId).toMatch(/^[0-9a-f]{64}$/);
    expect(await health(dep.url)).toMatchObject({
      version: "baseline",
      mode: "node",
      build_fingerprint: "fp-docker-node",
    });
    expect(await driver.check(dep)).toEqual({ ok: true });
    const inspect = spawnSync(
      "docker",
      ["inspect", "--format", "{{.HostConfig.CpusetCpus}} {{.HostConfig.NetworkMode}}", dep.containerId!],
      { encoding: "utf8" },
    );
    expect(inspect.stdout.trim()).toBe("0 host");
    expect(await driver.list()).toEqual([dep]);
    expect(await driver.check({ ...dep, buildFingerprint: "other" })).toEqual({
      ok: false,
      reason: "/health answers build fp-docker-node, expected other",
    });
    spawnSync("docker", ["rm", "-f", dep.containerId!]);
    expect(await driver.check(dep)).toEqual({ ok: false, reason: `container ${dep.name} removed` });
    await driver.stop(dep);
    expect(containersOfWorkspace()).toEqual([]);
  });

  it("restarts fresh and stops: nothing of the workspace is left", async () => {
    const first = await driver.start(spec());
    const second = await driver.start(spec());
    expect(second.containerId).not.toBe(first.containerId);
    expect(await driver.check(first)).toMatchObject({ ok: false });
    expect(await driver.check(second)).toEqual({ ok: true });
    await driver.stop(second);
    expect(containersOfWorkspace()).toEqual([]);
    expect(await driver.list()).toEqual([]);
  });

  it("fails with the container's last lines and removes it when it does not become healthy", async () => {
    const command = [
      "node",
      "-e",
      "console.error('no config for port ' + process.env.PORT); process.exit(4)",
    ];
    const error: unknown = await driver.start(spec({ command })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    const failure = error as StagingError;
    expect(failure.code).toBe("E_DEPLOY_UNHEALTHY");
    expect(failure.facts.reason).toMatch(/exited with code 4/);
    expect(failure.facts["last lines"]).toMatch(/^no config for port \d+$/);
    expect(readFileSync(join(root, "deploy.log"), "utf8")).toMatch(/no config for port/);
    expect(containersOfWorkspace()).toEqual([]);
  });
});
