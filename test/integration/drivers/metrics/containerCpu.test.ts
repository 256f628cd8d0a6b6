import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { findContainerCpu, type ContainerCpuCounter } from "../../../../src/drivers/metrics/index.js";
import { StagingError } from "../../../../src/errors/StagingError.js";
import {
  NODE_BASE_IMAGE,
  TEST_LABEL,
  dockerAvailable,
  dockerImageExists,
  removeTestContainers,
  testRunId,
} from "../../../helpers/docker.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { killBurners, startBurnerContainer } from "./cpuBurner.js";
import { readPaths } from "./readPaths.js";

const ready =
  requireOrSkip(dockerAvailable(), "dockerd (scripts/ci/start-dockerd.sh)") &&
  requireOrSkip(dockerImageExists(NODE_BASE_IMAGE), `${NODE_BASE_IMAGE} (scripts/make-base-images.sh)`);

const run = testRunId();
afterEach(() => {
  killBurners();
  removeTestContainers(run);
});

const BURN_MS = 300;
/**
 * The cgroup also counts processes that ran in it before node and exited: runc's init stages that
 * set the container up. They used about 1 ms of CPU here; the bound leaves room for a slower machine.
 */
const CONTAINER_SETUP_NS = 20_000_000;

describe.skipIf(!ready).each(readPaths())("containerCpu on %s", (_name, path) => {
  const target = path?.target;
  const containerCpu = (counter: ContainerCpuCounter) => path!.reader.containerCpu(counter);

  it.skipIf(!path)("agrees with what the container's process reports about its own CPU", async () => {
    const burner = startBurnerContainer(NODE_BASE_IMAGE, { [TEST_LABEL]: run }, BURN_MS);
    const before = await burner.lines.nth(0);
    const counter = await findContainerCpu(target!, burner.id);
    const reading = await containerCpu(counter);
    burner.signal();
    const after = await burner.lines.nth(1);
    expect(reading).toMatchObject({ source: "cgroup", pids: 1 });
    expect(reading.ns).toBeGreaterThanOrEqual(before.ns);
    expect(reading.ns).toBeLessThanOrEqual(after.ns + CONTAINER_SETUP_NS);
  });

  it.skipIf(!path)("fails with the container's name once it has been removed", async () => {
    const burner = startBurnerContainer(NODE_BASE_IMAGE, { [TEST_LABEL]: run }, 1);
    await burner.lines.nth(0);
    const counter = await findContainerCpu(target!, burner.id);
    spawnSync("docker", ["rm", "--force", burner.id], { timeout: 30_000 });
    const error = await containerCpu(counter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect(error).toMatchObject({
      code: "E_CPU_READ",
      message: expect.stringContaining(burner.id) as string,
    });
    const missing = await findContainerCpu(target!, burner.id).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "E_CPU_READ", facts: { detail: "no such container" } });
  });
});
