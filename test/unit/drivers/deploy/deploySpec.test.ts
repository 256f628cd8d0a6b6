import { describe, expect, it } from "vitest";
import type { DeploySpec } from "../../../../src/drivers/deploy/index.js";
import {
  deploymentName,
  resolveSpec,
  serviceEnv,
  substituteArgs,
} from "../../../../src/drivers/deploy/index.js";

const spec: DeploySpec = {
  workspaceId: "a1b2c3d4",
  version: "baseline",
  mode: "node",
  artifactDir: "/tmp/out",
  command: ["node", "{artifact}/service.mjs"],
  env: { EXTRA: "1", PORT: "9" },
  logFile: "/tmp/deploy.log",
  buildFingerprint: "fp1",
  stateDir: "/tmp/state",
};

describe("deploySpec", () => {
  it("names a deployment after workspace, version and mode", () => {
    expect(deploymentName("a1b2c3d4", "baseline", "node")).toBe("staging-a1b2c3d4-baseline-node");
  });

  it("refuses names docker would refuse", () => {
    expect(() => deploymentName("ws", "my version", "node")).toThrow(/invalid deploy name/);
    expect(() => deploymentName("ws", "v/1", "node")).toThrow(
      expect.objectContaining({ code: "E_DEPLOY_SPEC" }),
    );
  });

  it("fills in the defaults", () => {
    const resolved = resolveSpec(spec);
    expect(resolved).toMatchObject({
      healthPath: "/health",
      readyTimeoutMs: 20_000,
      name: "staging-a1b2c3d4-baseline-node",
    });
  });

  it("checks cpus, healthPath, timeout and env names", () => {
    expect(() => resolveSpec({ ...spec, cpus: "0-1" })).not.toThrow();
    expect(() => resolveSpec({ ...spec, cpus: "0,2-3" })).not.toThrow();
    expect(() => resolveSpec({ ...spec, cpus: "all" })).toThrow(/invalid deploy cpus/);
    expect(() => resolveSpec({ ...spec, healthPath: "health" })).toThrow(/healthPath/);
    expect(() => resolveSpec({ ...spec, readyTimeoutMs: 0 })).toThrow(/readyTimeoutMs/);
    expect(() => resolveSpec({ ...spec, env: { "A-B": "x" } })).toThrow(/env/);
    expect(() => resolveSpec({ ...spec, buildFingerprint: "" })).toThrow(/buildFingerprint/);
  });

  it("adds the variables every deployment gets over the spec's own", () => {
    expect(serviceEnv(spec, 4321)).toEqual({
      EXTRA: "1",
      PORT: "4321",
      HOST: "127.0.0.1",
      STAGING_VERSION: "baseline",
      STAGING_MODE: "node",
      STAGING_BUILD_FINGERPRINT: "fp1",
    });
  });

  it("substitutes placeholders per argument and leaves unknown ones", () => {
    const argv = ["{artifact}/service", "--port={port}", "{port}{port}", "{other}", "plain"];
    expect(substituteArgs(argv, { artifact: "/a b", port: "80" })).toEqual([
      "/a b/service",
      "--port=80",
      "8080",
      "{other}",
      "plain",
    ]);
  });
});
