import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../../src/config/resolveConfig.js";
import type { StagingConfig } from "../../../../src/config/StagingConfig.js";
import { hashValue } from "../../../../src/engine/hashValue.js";
import { deployTools } from "../../../../src/staging/deploy/deployTools.js";
import type { TargetIdentity } from "../../../../src/targets/Target.js";
import { deployTask, type DeployParams } from "../../../../tasks/deploy.js";
import { imageTask } from "../../../../tasks/image.js";
import type { ImageBuild } from "../../../../src/staging/images/buildImage.js";

const identity = (tools: TargetIdentity["tools"]): TargetIdentity =>
  ({ id: "m1", os: "linux", arch: "x64", tools }) as TargetIdentity;
const before = identity({ docker: "20.10.24", helm: "3.14.0", k6: "0.50.0", node: "20.20.2" });
const helmUpgraded = identity({ docker: "20.10.24", helm: "3.15.1", k6: "0.50.0", node: "20.20.2" });
const nodeUpgraded = identity({ docker: "20.10.24", helm: "3.14.0", k6: "0.50.0", node: "22.12.0" });

const config = (c: StagingConfig) => resolveConfig(c, undefined, "/ws");
const deployKey = (c: StagingConfig, targetIdentity: TargetIdentity, localIdentity = targetIdentity) =>
  hashValue(
    deployTask.inputs({
      slug: "v",
      mode: "node",
      config: config(c),
      targets: { targetIdentity, localIdentity },
    } as unknown as DeployParams).values,
  );

describe("the tools in a key are the ones the node runs", () => {
  it("a deployment: helm and kubectl for helm, docker for a container, on the target; the runtimes of a process here", () => {
    expect(deployTools(config({ modes: { node: { deploy: { driver: "helm" } } } }), "node")).toEqual({
      on: "target",
      tools: ["docker", "helm", "kubectl"],
    });
    expect(deployTools(config({ builder: "docker" }), "node")).toEqual({ on: "target", tools: ["docker"] });
    expect(deployTools(config({ builder: "artifact" }), "node")).toEqual({
      on: "local",
      tools: ["bun", "node"],
    });
  });

  it("a process deployment is not redeployed for a new helm, and is for a new node on this machine", () => {
    const process: StagingConfig = {
      builder: "artifact",
      modes: { node: { deploy: { command: ["node", "{artifact}/s.mjs"] } } },
    };
    expect(deployKey(process, helmUpgraded)).toBe(deployKey(process, before));
    expect(deployKey(process, nodeUpgraded)).not.toBe(deployKey(process, before));
    // It runs here: the target's node is not its node.
    expect(deployKey(process, nodeUpgraded, before)).toBe(deployKey(process, before, before));
  });

  it("a docker image is not rebuilt for a new helm or node", () => {
    const key = (targetIdentity: TargetIdentity) =>
      hashValue(
        imageTask.inputs({
          slug: "v",
          mode: "node",
          recipe: { dockerfile: "node.Dockerfile" },
          builder: "docker",
          configDir: "/ws",
          versionDir: "/ws/versions/v",
          workspaceRoot: "/ws",
          targetIdentity,
          localIdentity: targetIdentity,
        } as unknown as ImageBuild).values,
      );
    expect(key(helmUpgraded)).toBe(key(before));
    expect(key(nodeUpgraded)).toBe(key(before));
    expect(key(identity({ ...before.tools, docker: "24.0.7" }))).not.toBe(key(before));
  });
});
