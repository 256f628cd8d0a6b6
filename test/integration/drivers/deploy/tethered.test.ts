import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerCli } from "../../../../src/drivers/docker/index.js";
import {
  isLive,
  processGroupMembers,
  readProcStat,
  stopProcessGroup,
  type Deployment,
  type DeploySpec,
} from "../../../../src/drivers/deploy/index.js";
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
import { testSshd } from "../../../helpers/sshd.js";
import { tsCommand } from "../../../helpers/tsCommand.js";
import { buildService, demoRoot } from "../../demo/demoService.js";
import { sshOptions } from "../../targets/ssh/sshFixture.js";
import { health, nodeSpec, testWorkspaceId, waitUntil } from "./deployFixture.js";

/** How long a service may outlive the process that held it: generous for a loaded machine. */
const OUTLIVE_LIMIT_MS = 15_000;
const docker =
  requireOrSkip(dockerAvailable(), "dockerd (scripts/ci/start-dockerd.sh)") &&
  requireOrSkip(dockerImageExists(NODE_BASE_IMAGE), `${NODE_BASE_IMAGE} (scripts/make-base-images.sh)`);
const sshd = requireOrSkip(testSshd() !== undefined, "sshd (scripts/ci/start-sshd.sh)")
  ? testSshd()
  : undefined;

const workspaceId = testWorkspaceId();
const runId = testRunId();
const tag = `staging-tether-test:${runId}`;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "staging-tether-it-"));
  await buildService("baseline", "node", join(root, "out"));
  if (!docker) return;
  await new DockerCli(new LocalTarget()).build({
    contextDir: join(root, "out"),
    dockerfile: join(demoRoot, "docker/node.Dockerfile"),
    tag,
    logFile: join(root, "build.log"),
    labels: { [TEST_LABEL]: runId },
  });
}, 180_000);

afterAll(() => {
  if (docker) {
    removeTestContainers(runId);
    removeTestImages([tag]);
  }
  rmSync(root, { recursive: true, force: true });
});

/** Starts a holder process that deploys `spec`; resolves with it and its deployment once healthy. */
async function holder(request: object): Promise<{ kill: () => Promise<void>; dep: Deployment }> {
  const [cmd, ...args] = tsCommand("test/integration/drivers/deploy/tetherChild.ts");
  const child = spawn(cmd!, [...args, JSON.stringify(request)], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let out = "";
  const dep = await new Promise<Deployment>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]!) as Deployment);
    });
    child.once("exit", (code) => reject(new Error(`the holder exited with ${code} before deploying`)));
  });
  return { dep, kill: () => (child.kill("SIGKILL"), exited) };
}

/** Milliseconds from now until `gone()` holds; fails past the limit. */
async function timeUntilGone(what: string, gone: () => boolean | Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  await waitUntil(what, gone, OUTLIVE_LIMIT_MS);
  const ms = Date.now() - t0;
  process.stderr.write(`outlived its SIGKILLed holder by ${ms} ms: ${what}\n`);
  return ms;
}

const listening = async (url: string) =>
  health(url).then(
    () => true,
    () => false,
  );

const processSpec = (overrides: Partial<DeploySpec>): DeploySpec =>
  nodeSpec(
    {
      workspaceId,
      artifactDir: join(root, "out"),
      stateDir: join(root, "state"),
      logFile: join(root, "p.log"),
    },
    overrides,
  );

const dockerSpec = (overrides: Partial<DeploySpec>): DeploySpec => ({
  workspaceId,
  version: "baseline",
  mode: "node",
  image: tag,
  command: [],
  env: {},
  logFile: join(root, "d.log"),
  buildFingerprint: "fp-docker-node",
  stateDir: join(root, "state"),
  readyTimeoutMs: 30_000,
  ...overrides,
});

const containerGone = (id: string) => async () =>
  (await new DockerCli(new LocalTarget()).containerState(id)) === null;

describe("a service held by the process that started it dies with it, even on SIGKILL", () => {
  it("a local process: its supervisor stops the group when the holder's pipe closes", async () => {
    const { dep, kill } = await holder({ driver: "process", spec: processSpec({ tethered: true }) });
    expect(await listening(dep.url)).toBe(true);
    await kill();
    await timeUntilGone("local process group", () => processGroupMembers(dep.pid!).length === 0);
    expect(await listening(dep.url)).toBe(false);
  }, 60_000);

  it("a holder that stops its service waits for the supervisor, then ends normally", async () => {
    const [cmd, ...args] = tsCommand("test/integration/drivers/deploy/tetherChild.ts");
    const request = {
      driver: "process",
      spec: processSpec({ version: "stopped", tethered: true }),
      stopAndEnd: true,
    };
    const child = spawn(cmd!, [...args, JSON.stringify(request)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    // Exit code 13 would be a stop left waiting on an unref'd supervisor when nothing else ran.
    expect(code).toBe(0);
    expect(out.trimEnd().split("\n").at(-1)).toBe("stopped");
    const dep = JSON.parse(out.split("\n")[0]!) as Deployment;
    expect(processGroupMembers(dep.pid!)).toEqual([]);
  }, 60_000);

  it("a local process of a deploy node outlives its holder once healthy", async () => {
    const { dep, kill } = await holder({
      driver: "process",
      spec: processSpec({ version: "candidate", tethered: false }),
    });
    await kill();
    try {
      expect(isLive(readProcStat(dep.pid!))).toBe(true);
      expect(await listening(dep.url)).toBe(true);
    } finally {
      await stopProcessGroup(dep.pid!, dep.startTicks, 2_000);
    }
  }, 60_000);

  it.runIf(docker)(
    "a container on this machine: the watchdog holding the pipe removes it",
    async () => {
      const spec = dockerSpec({ tethered: true });
      const { dep, kill } = await holder({ driver: "docker", spec, labels: { [TEST_LABEL]: runId } });
      expect(await listening(dep.url)).toBe(true);
      await kill();
      await timeUntilGone("local container", containerGone(dep.containerId!));
    },
    120_000,
  );

  it.runIf(docker && sshd)(
    "a container over SSH: the remote watchdog of the session removes it",
    async () => {
      const spec = dockerSpec({ version: "candidate", tethered: true });
      const ssh = sshOptions(sshd!);
      const { dep, kill } = await holder({ driver: "docker", spec, ssh, labels: { [TEST_LABEL]: runId } });
      // The loopback sshd runs on this machine: the container is in this dockerd.
      expect(await listening(dep.url)).toBe(true);
      await kill();
      await timeUntilGone("container over SSH", containerGone(dep.containerId!));
    },
    120_000,
  );
});
