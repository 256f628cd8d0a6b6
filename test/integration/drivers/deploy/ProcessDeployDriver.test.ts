import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ProcessDeployDriver,
  isLive,
  processGroupMembers,
  readProcStat,
  stopAll,
  type DeploySpec,
} from "../../../../src/drivers/deploy/index.js";
import { StagingError } from "../../../../src/errors/index.js";
import { buildService } from "../../demo/demoService.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { health, nodeSpec, processesWithEnv, testWorkspaceId, waitUntil } from "./deployFixture.js";

const workspaceId = testWorkspaceId();
let root: string;
let artifactDir: string;
let stateDir: string;
let driver: ProcessDeployDriver;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "staging-deploy-it-"));
  artifactDir = join(root, "out");
  stateDir = join(root, "state");
  await buildService("baseline", "node", artifactDir);
  driver = new ProcessDeployDriver({ stateDir, workspaceId });
});

afterAll(async () => {
  if (driver) await stopAll(await driver.list(), { process: driver });
  if (root) rmSync(root, { recursive: true, force: true });
});

const spec = (overrides: Partial<DeploySpec> = {}): DeploySpec =>
  nodeSpec({ workspaceId, artifactDir, stateDir, logFile: join(useTmpDir(), "deploy.log") }, overrides);

async function failure(promise: Promise<unknown>): Promise<StagingError> {
  const error: unknown = await promise.then(
    () => new Error("it started"),
    (e: unknown) => e,
  );
  if (!(error instanceof StagingError)) throw error;
  return error;
}

describe("ProcessDeployDriver", () => {
  it("starts the demo on 127.0.0.1, records it, answers /health with its build, stops it", async () => {
    const dep = await driver.start(spec({ env: { EXTRA: "1" } }));
    expect(dep).toMatchObject({
      driver: "process",
      name: `staging-${workspaceId}-baseline-node`,
      version: "baseline",
    });
    expect(dep.url).toBe(`http://127.0.0.1:${dep.port}`);
    expect(dep.startTicks).toBe(readProcStat(dep.pid!)?.startTicks);
    expect(await health(dep.url)).toMatchObject({
      version: "baseline",
      mode: "node",
      build_fingerprint: "fp-baseline-node",
    });
    expect(await driver.check(dep)).toEqual({ ok: true });
    expect(readFileSync(dep.logFile, "utf8")).toMatch(/"event":"listening"/);
    // Another driver object (another `staging` process) finds it through the state file.
    const again = new ProcessDeployDriver({ stateDir, workspaceId });
    expect(await again.list()).toEqual([dep]);
    expect(await new ProcessDeployDriver({ stateDir, workspaceId: "other" }).list()).toEqual([]);
    await again.stop(dep);
    expect(processGroupMembers(dep.pid!)).toEqual([]);
    expect(existsSync(dep.stateFile!)).toBe(false);
    expect(await driver.check(dep)).toEqual({ ok: false, reason: `process ${dep.pid} is not running` });
  });

  it("is not ok once the process is killed by hand, nor when it answers with another build", async () => {
    const dep = await driver.start(spec());
    expect(await driver.check({ ...dep, buildFingerprint: "other" })).toEqual({
      ok: false,
      reason: "/health answers build fp-baseline-node, expected other",
    });
    expect(await driver.check({ ...dep, startTicks: "1" })).toEqual({
      ok: false,
      reason: `process ${dep.pid} is not running (its pid now names another process)`,
    });
    process.kill(dep.pid!, "SIGKILL");
    await waitUntil("the process is gone", () => !isLive(readProcStat(dep.pid!)));
    expect(await driver.check(dep)).toEqual({ ok: false, reason: `process ${dep.pid} is not running` });
    await driver.stop(dep);
    expect(await driver.list()).toEqual([]);
  });

  it("restarts fresh: a second start of the same version and mode replaces the first", async () => {
    const first = await driver.start(spec());
    const second = await driver.start(spec());
    expect(isLive(readProcStat(first.pid!))).toBe(false);
    expect(await driver.check(second)).toEqual({ ok: true });
    expect((await driver.list()).map((d) => d.pid)).toEqual([second.pid]);
    await driver.stop(first); // stale: keeps the newer record
    expect((await driver.list()).map((d) => d.pid)).toEqual([second.pid]);
    await driver.stop(second);
  });

  it("fails with E_DEPLOY_UNHEALTHY when the service answers another build, and leaves nothing running", async () => {
    const marker = `STAGING_DEPLOY_TEST=${workspaceId}-wrong`;
    const command = ["env", "STAGING_BUILD_FINGERPRINT=another", process.execPath, "{artifact}/service.mjs"];
    const started = Date.now();
    const error = await failure(
      driver.start(
        spec({ command, readyTimeoutMs: 1_500, env: { STAGING_DEPLOY_TEST: marker.split("=")[1]! } }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.code).toBe("E_DEPLOY_UNHEALTHY");
    expect(error.exitCode).toBe(1);
    expect(error.facts).toMatchObject({ version: "baseline", mode: "node" });
    expect(String(error.facts.reason)).toContain("/health answers build another, expected fp-baseline-node");
    expect(String(error.facts["last lines"])).toMatch(/"event":"listening"/);
    expect(existsSync(String(error.facts.log))).toBe(true);
    expect(processesWithEnv(marker)).toEqual([]);
    expect(await driver.list()).toEqual([]);
  });

  it("fails fast with the log's last lines when the command exits at once", async () => {
    const command = [process.execPath, "-e", "console.error('cannot start: no config'); process.exit(3)"];
    const started = Date.now();
    const error = await failure(driver.start(spec({ command })));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.code).toBe("E_DEPLOY_UNHEALTHY");
    expect(error.facts.reason).toBe("exited with code 3 before /health answered");
    expect(error.facts["last lines"]).toBe("cannot start: no config");
    expect(error.format()).toMatch(
      /^error: deployment baseline:node did not become healthy\n[^]*last lines: cannot start: no config\nhint: /,
    );
    expect(await driver.list()).toEqual([]);
  });

  it("records a starting deployment before it is healthy, and stops it when aborted", async () => {
    const marker = `${workspaceId}-abort`;
    const command = ["env", "STAGING_BUILD_FINGERPRINT=never", process.execPath, "{artifact}/service.mjs"];
    const controller = new AbortController();
    const starting = failure(
      driver.start(spec({ command, env: { STAGING_DEPLOY_TEST: marker } }), controller.signal),
    );
    const other = new ProcessDeployDriver({ stateDir, workspaceId });
    await waitUntil("the start is recorded", async () => (await other.list()).length === 1);
    const [recorded] = await other.list();
    expect(isLive(readProcStat(recorded!.pid!))).toBe(true);
    controller.abort();
    const error = await starting;
    expect(error.code).toBe("E_DEPLOY_INTERRUPTED");
    expect(error.exitCode).toBe(130);
    expect(processesWithEnv(`STAGING_DEPLOY_TEST=${marker}`)).toEqual([]);
    expect(await other.list()).toEqual([]);
  });

  it("places the process on the given CPUs with taskset", async () => {
    const dep = await driver.start(spec({ cpus: "0" }));
    const status = readFileSync(`/proc/${dep.pid}/status`, "utf8");
    expect(/^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1]).toBe("0");
    expect(await driver.check(dep)).toEqual({ ok: true });
    await driver.stop(dep);
  });

  it("refuses a spec without an artifact folder or command", async () => {
    await expect(driver.start(spec({ artifactDir: undefined }))).rejects.toMatchObject({
      code: "E_DEPLOY_SPEC",
    });
    await expect(driver.start(spec({ command: [] }))).rejects.toMatchObject({ code: "E_DEPLOY_SPEC" });
    await expect(driver.start(spec({ command: ["/nonexistent/program"] }))).rejects.toMatchObject({
      code: "E_DEPLOY_SPAWN",
    });
  });
});
