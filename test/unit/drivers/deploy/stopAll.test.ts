import { describe, expect, it } from "vitest";
import {
  selectDeployments,
  stopAll,
  type DeployDriver,
  type Deployment,
} from "../../../../src/drivers/deploy/index.js";

const dep = (driver: Deployment["driver"], version: string, mode: string): Deployment => ({
  driver,
  name: `staging-ws-${version}-${mode}`,
  workspaceId: "ws",
  version,
  mode,
  url: "http://127.0.0.1:1",
  port: 1,
  healthPath: "/health",
  logFile: "/tmp/l",
  buildFingerprint: "fp",
  startedAt: "",
});

function fakeDriver(kind: Deployment["driver"], stopped: string[], failOn?: string): DeployDriver {
  return {
    kind,
    start: () => Promise.reject(new Error("unused")),
    check: () => Promise.resolve({ ok: true }),
    list: () => Promise.resolve([]),
    stop: async (d) => {
      if (d.name === failOn) throw new Error("cannot stop");
      stopped.push(d.name);
    },
  };
}

describe("stopAll", () => {
  it("stops each deployment with its kind's driver and reports failures without throwing", async () => {
    const stopped: string[] = [];
    const deps = [dep("process", "a", "node"), dep("docker", "a", "bun"), dep("docker", "b", "bun")];
    const result = await stopAll(deps, {
      process: fakeDriver("process", stopped),
      docker: fakeDriver("docker", stopped, "staging-ws-b-bun"),
    });
    expect(stopped.sort()).toEqual(["staging-ws-a-bun", "staging-ws-a-node"]);
    expect(result.stopped).toHaveLength(2);
    expect(result.failed.map((f) => f.deployment.name)).toEqual(["staging-ws-b-bun"]);
  });

  it("reports a deployment whose kind has no driver", async () => {
    const result = await stopAll([dep("docker", "a", "node")], {});
    expect(String(result.failed[0]?.error)).toMatch(/no docker driver/);
  });
});

describe("selectDeployments", () => {
  const deps = [dep("process", "a", "node"), dep("process", "a", "bun"), dep("process", "b", "node")];
  it("selects by version, by version:mode, or all", () => {
    expect(selectDeployments(deps)).toHaveLength(3);
    expect(selectDeployments(deps, "a").map((d) => d.mode)).toEqual(["node", "bun"]);
    expect(selectDeployments(deps, "a:bun").map((d) => d.name)).toEqual(["staging-ws-a-bun"]);
    expect(selectDeployments(deps, "c")).toEqual([]);
  });
});
