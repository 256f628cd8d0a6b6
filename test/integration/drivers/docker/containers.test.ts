import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerCli } from "../../../../src/drivers/docker/index.js";
import type { Target } from "../../../../src/targets/Target.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import {
  NODE_BASE_IMAGE,
  TEST_LABEL,
  dockerAvailable,
  dockerImageExists,
  removeTestContainers,
  testRunId,
} from "../../../helpers/docker.js";
import { requireOrSkip } from "../../../helpers/integration.js";

const ready =
  requireOrSkip(dockerAvailable(), "dockerd (scripts/ci/start-dockerd.sh)") &&
  requireOrSkip(dockerImageExists(NODE_BASE_IMAGE), `${NODE_BASE_IMAGE} (scripts/make-base-images.sh)`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `docker ps -a` with the label, straight from the client (not through the driver). */
function psWithLabel(label: string): string[] {
  const ps = spawnSync("docker", ["ps", "--all", "--quiet", "--filter", `label=${label}`], {
    encoding: "utf8",
  });
  return ps.stdout.split("\n").filter((line) => line.trim() !== "");
}

const SERVER = `
const http = require("node:http");
const keep = [];
http.createServer((req, res) => {
  keep.push(Buffer.alloc(4 << 20, 1));
  res.end(JSON.stringify({ mode: process.env.STAGING_MODE, n: keep.length }));
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening on " + process.env.PORT));
console.error("stderr line");
`;

describe.skipIf(!ready)("DockerCli containers", () => {
  const run = testRunId();
  const labels = { [TEST_LABEL]: run, "org.staging.node": "deploy:v1:node" };
  let target: Target;
  let docker: DockerCli;

  beforeAll(() => {
    target = new LocalTarget();
    docker = new DockerCli(target);
  });

  afterAll(async () => {
    removeTestContainers(run);
    await target.close();
  });

  it("runs a node http server on the host network, measures it, and removes it without a trace", async () => {
    const port = await freePort();
    const name = `staging-test-${run}-http`;
    const id = await docker.run({
      name,
      image: NODE_BASE_IMAGE,
      env: { PORT: String(port), STAGING_MODE: "node" },
      labels,
      cpusetCpus: "0",
      command: ["node", "-e", SERVER],
    });
    expect(id).toMatch(/^[a-f0-9]{64}$/);

    const body = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      return (await response.json()) as { mode: string };
    });
    expect(body.mode).toBe("node");
    for (let i = 0; i < 5; i++) await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());

    const state = await docker.containerState(name);
    expect(state).toMatchObject({ id, name, running: true, status: "running", exitCode: 0 });
    expect(state?.pid).toBeGreaterThan(0);
    expect(await docker.containerState(id)).toMatchObject({ id, running: true });

    const peak = await docker.memoryPeak(id);
    if (peak.bytes === null) {
      // Some kernels have no peak file at all; then the reason must say why.
      expect(peak.reason).toMatch(/memory|cgroup/);
    } else {
      expect(peak.bytes).toBeGreaterThan(5 * (4 << 20));
      expect(peak.source).toMatch(/^\/sys\/fs\/cgroup\//);
    }

    const logs = await docker.logs(name, 10);
    expect(logs).toContain(`listening on ${port}`);
    expect(logs).toContain("stderr line");

    const listed = await docker.listContainers({ [TEST_LABEL]: run });
    expect(listed.map((c) => c.name)).toEqual([name]);
    expect(listed[0]?.labels).toMatchObject(labels);
    expect(await docker.listContainers({ [TEST_LABEL]: run, "org.staging.node": "other" })).toEqual([]);
    expect((await docker.listContainers({ "org.staging.node": true })).map((c) => c.id)).toContain(id);

    expect(await docker.removeContainer(name)).toBe(true);
    expect(await docker.containerState(name)).toBeNull();
    expect(psWithLabel(`${TEST_LABEL}=${run}`)).toEqual([]);
    expect(await docker.listContainers({ [TEST_LABEL]: run })).toEqual([]);
    expect(await docker.removeContainer(name)).toBe(false);
    const gone = await docker.memoryPeak(id);
    expect(gone.bytes).toBeNull();
    expect(gone.reason).toMatch(/no container/);
  });

  it("reports the exit code of a container that stopped, and no peak for it", async () => {
    const name = `staging-test-${run}-exit`;
    await docker.run({ name, image: NODE_BASE_IMAGE, labels, command: ["node", "-e", "process.exit(3)"] });
    const state = await waitFor(async () => {
      const s = await docker.containerState(name);
      return s && !s.running ? s : undefined;
    });
    expect(state).toMatchObject({ running: false, status: "exited", exitCode: 3, pid: 0 });
    const stopped = await docker.memoryPeak(name);
    expect(stopped.bytes).toBeNull();
    expect(stopped.reason).toMatch(/not running/);
    expect(await docker.removeContainer(name)).toBe(true);
  });

  it("refuses a name docker would refuse, before running anything", async () => {
    await expect(docker.run({ name: "-d", image: NODE_BASE_IMAGE })).rejects.toMatchObject({
      code: "E_DOCKER_NAME",
    });
    await expect(
      docker.run({ name: "ok-name", image: NODE_BASE_IMAGE, cpusetCpus: "0;1" }),
    ).rejects.toMatchObject({
      code: "E_DOCKER_NAME",
    });
    expect(await docker.containerState(`staging-test-${run}-none`)).toBeNull();
  });
});
