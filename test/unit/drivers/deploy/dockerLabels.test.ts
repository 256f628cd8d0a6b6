import { describe, expect, it } from "vitest";
import {
  deploymentLabels,
  deploymentOfContainer,
  type Deployment,
} from "../../../../src/drivers/deploy/index.js";

const dep: Deployment = {
  driver: "docker",
  name: "staging-ws-v1-node",
  workspaceId: "ws",
  version: "v1",
  mode: "node",
  url: "http://127.0.0.1:4000",
  port: 4000,
  healthPath: "/healthz",
  containerId: "c".repeat(64),
  logFile: "/tmp/deploy.log",
  buildFingerprint: "fp",
  startedAt: "2024-01-01T00:00:00.000Z",
};

const container = (labels: Record<string, string>) => ({
  id: dep.containerId!,
  name: dep.name,
  image: "sha256:" + "a".repeat(64),
  running: true,
  status: "running",
  exitCode: 0,
  pid: 1,
  labels,
});

describe("docker labels", () => {
  it("rebuild the deployment they were made from", () => {
    const labels = deploymentLabels(dep);
    expect(labels["staging.workspace"]).toBe("ws");
    expect(labels["staging.build-fingerprint"]).toBe("fp");
    expect(deploymentOfContainer(container({ ...labels, other: "x" }))).toEqual(dep);
  });

  it("are not a deployment without workspace, version, mode, fingerprint and port", () => {
    const labels = deploymentLabels(dep);
    for (const key of [
      "staging.workspace",
      "staging.version",
      "staging.mode",
      "staging.build-fingerprint",
      "staging.port",
    ]) {
      const partial = Object.fromEntries(Object.entries(labels).filter(([k]) => k !== key));
      expect(deploymentOfContainer(container(partial))).toBeNull();
    }
  });
});
