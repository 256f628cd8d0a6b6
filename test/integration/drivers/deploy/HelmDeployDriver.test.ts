import { copyFileSync, chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { HelmDeployDriver } from "../../../../src/drivers/deploy/HelmDeployDriver.js";
import type { DeploySpec } from "../../../../src/drivers/deploy/index.js";
import { StagingError } from "../../../../src/errors/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { sshd } from "../../targets/ssh/sshFixture.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const SCRIPTS = join(root, "scripts");
const STANDINS = join(root, "test/fixtures/helm-standins");

/** A tiny service on 127.0.0.1 answering /health with a fixed build fingerprint: the "NodePort". */
function healthServer(fingerprint: string): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", build_fingerprint: fingerprint }));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolvePort, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolvePort({ port: typeof address === "object" && address ? address.port : 0, server });
    });
  });
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((done) => s.close(() => done()))));
});

describe.skipIf(!sshd)("HelmDeployDriver through scripts/e2e-k3s-helm.sh over SSH (stand-in tools)", () => {
  const s = sshd!;

  /** A "VM" dir (the loopback sshd's machine) with a snapshot of v1, stand-ins on the remote PATH. */
  async function setup(fingerprint: string) {
    const dir = useTmpDir({ "project/versions/v1/snapshot/Dockerfile": "FROM scratch\n", bin: null });
    const bin = join(dir, "bin");
    useBin(bin);
    const { port, server } = await healthServer(fingerprint);
    servers.push(server);
    writeFileSync(join(bin, "nodeport"), String(port));
    const driver = new HelmDeployDriver({
      scriptsDir: SCRIPTS,
      env: {
        E2E_VM_LIFECYCLE: "external",
        E2E_SSH_HOST: s.host,
        E2E_SSH_PORT: String(s.port),
        E2E_SSH_USER: s.user,
        E2E_SSH_IDENTITY: s.identity,
        E2E_KNOWN_HOSTS: s.knownHosts,
        E2E_REMOTE_PROJECT_DIR: join(dir, "project"),
        E2E_REMOTE_PATH_PREFIX: bin,
        E2E_ROLLOUT_TIMEOUT: "30s",
      },
    });
    const spec: DeploySpec = {
      workspaceId: "w1",
      version: "v1",
      mode: "native",
      command: [],
      env: {},
      logFile: join(dir, "deploy.log"),
      buildFingerprint: "fp-v1-native",
      stateDir: join(dir, "state"),
      readyTimeoutMs: 5_000,
    };
    return { dir, bin, port, server, driver, spec };
  }

  function useBin(bin: string): void {
    for (const tool of ["docker", "helm", "kubectl"]) {
      copyFileSync(join(STANDINS, tool), join(bin, tool));
      chmodSync(join(bin, tool), 0o755);
    }
  }

  it("starts through the script (build, push, helm upgrade), checks /health, stops with --down", async () => {
    const { bin, port, server, driver, spec } = await setup("fp-v1-native");
    const dep = await driver.start(spec);
    expect(dep).toMatchObject({
      driver: "helm",
      name: "staging-v1-native",
      release: "staging-v1-native",
      version: "v1",
      mode: "native",
      url: `http://${s.host}:${port}`,
      port,
      healthPath: "/health",
      buildFingerprint: "fp-v1-native",
    });
    const calls = readFileSync(join(bin, "calls.log"), "utf8");
    expect(calls).toContain("docker build -t localhost:5000/staging-service:v1-native");
    expect(calls).toContain("docker push localhost:5000/staging-service:v1-native");
    expect(calls).toMatch(/helm upgrade --install staging-v1-native .* --set service.type=NodePort/);
    expect(readFileSync(spec.logFile, "utf8")).toContain(`E2E_URL=http://${s.host}:${port}`);

    expect(await driver.check(dep)).toEqual({ ok: true });
    expect(existsSync(join(bin, "uninstalled"))).toBe(false);

    await driver.stop(dep);
    expect(readFileSync(join(bin, "uninstalled"), "utf8")).toBe("staging-v1-native --namespace staging\n");
    expect(await driver.list()).toEqual([]);

    await new Promise<void>((done) => server.close(() => done()));
    const after = await driver.check(dep);
    expect(after.ok).toBe(false);
    expect(after.ok ? "" : after.reason).toMatch(/^\/health did not answer/);
  });

  it("a failing script is E_DEPLOY_HELM with its last lines; nothing is deployed", async () => {
    const { bin, driver, spec } = await setup("fp-v1-native");
    const error = await driver.start({ ...spec, version: "v9" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    const staging = error as StagingError;
    expect(staging.code).toBe("E_DEPLOY_HELM");
    expect(staging.facts["exit code"]).toBe(1);
    expect(String(staging.facts["last lines"])).toContain("no snapshot of version v9 on the VM");
    expect(existsSync(join(bin, "calls.log"))).toBe(false);
  });

  it("a service answering another build is E_DEPLOY_UNHEALTHY and the release is uninstalled", async () => {
    const { bin, driver, spec } = await setup("fp-stale");
    const error = await driver.start({ ...spec, readyTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    const staging = error as StagingError;
    expect(staging.code).toBe("E_DEPLOY_UNHEALTHY");
    expect(String(staging.facts.reason)).toContain("answers build fp-stale, expected fp-v1-native");
    expect(readFileSync(join(bin, "uninstalled"), "utf8")).toBe("staging-v1-native --namespace staging\n");
  });
});
