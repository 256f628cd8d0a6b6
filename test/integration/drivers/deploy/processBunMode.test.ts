import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ProcessDeployDriver, processGroupMembers, stopAll } from "../../../../src/drivers/deploy/index.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { buildService, bunAvailable } from "../../demo/demoService.js";
import { health, nodeSpec, testWorkspaceId } from "./deployFixture.js";

// The bun executable is ~100 MB: built once, for this one test.
const ready = requireOrSkip(bunAvailable, "bun (node_modules/.bin/bun)");
const workspaceId = testWorkspaceId();
let root: string;
let driver: ProcessDeployDriver;

beforeAll(async () => {
  if (!ready) return;
  root = mkdtempSync(join(tmpdir(), "staging-deploy-bun-it-"));
  await buildService("candidate", "bun", join(root, "out"));
  driver = new ProcessDeployDriver({ stateDir: join(root, "state"), workspaceId });
}, 180_000);

afterAll(async () => {
  if (driver) await stopAll(await driver.list(), { process: driver });
  if (root) rmSync(root, { recursive: true, force: true });
});

it.runIf(ready)("deploys the bun executable of a version as a process and stops it", async () => {
  const spec = nodeSpec(
    {
      workspaceId,
      artifactDir: join(root, "out"),
      stateDir: join(root, "state"),
      logFile: join(root, "bun.log"),
    },
    {
      version: "candidate",
      mode: "bun",
      command: ["{artifact}/service"],
      buildFingerprint: "fp-candidate-bun",
    },
  );
  const dep = await driver.start(spec);
  expect(await health(dep.url)).toMatchObject({
    version: "candidate",
    mode: "bun",
    runtime: "bun",
    build_fingerprint: "fp-candidate-bun",
  });
  expect(await driver.check(dep)).toEqual({ ok: true });
  await driver.stop(dep);
  expect(processGroupMembers(dep.pid!)).toEqual([]);
  expect(await driver.list()).toEqual([]);
});
