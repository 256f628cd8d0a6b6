import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../src/config/resolveConfig.js";
import { snapshotBuildRecipe } from "../../../src/config/snapshotBuildRecipe.js";

const version = { workspaceRoot: "/ws", versionDir: "/ws/versions/cp-rust" };

describe("a workspace opened with no config file builds the seed's layout", () => {
  it("has jvm and native, built with docker on the target", () => {
    const config = resolveConfig({}, undefined, "/ws");
    expect(config.builder).toBe("docker");
    expect(config.requiredModes).toEqual(["jvm", "native"]);
    expect(config.modes.jvm?.build?.dockerfile).toBe("{snapshot}/control-plane/Dockerfile");
    expect(config.modes.native?.build).toMatchObject({
      dockerfile: "{snapshot}/control-plane/Dockerfile.native",
      script: "{snapshot}/scripts/build-native.sh",
    });
  });

  it("keeps a config file's own choices: no modes means none, and the artifact builder", () => {
    const config = resolveConfig({}, "/ws/staging.config.ts");
    expect(config.modes).toEqual({});
    expect(config.builder).toBe("artifact");
  });
});

describe("snapshotBuildRecipe", () => {
  const native = resolveConfig({}, undefined, "/ws").modes.native!.build!;

  it("resolves {snapshot} to the version's snapshot, relative to the workspace", () => {
    expect(
      snapshotBuildRecipe({ dockerfile: "{snapshot}/control-plane/Dockerfile" }, version, () => true),
    ).toEqual({
      dockerfile: "versions/cp-rust/snapshot/control-plane/Dockerfile",
    });
  });

  it("takes the Dockerfile when the snapshot has it, else the script, else keeps the Dockerfile to name it", () => {
    const has =
      (...paths: string[]) =>
      (p: string) =>
        paths.includes(p);
    const dockerfile = "versions/cp-rust/snapshot/control-plane/Dockerfile.native";
    const script = "versions/cp-rust/snapshot/scripts/build-native.sh";
    expect(snapshotBuildRecipe(native, version, has(dockerfile, script))).toMatchObject({ dockerfile });
    expect(snapshotBuildRecipe(native, version, has(dockerfile, script))).not.toHaveProperty("script");
    expect(snapshotBuildRecipe(native, version, has(script))).toMatchObject({ script });
    expect(snapshotBuildRecipe(native, version, has(script))).not.toHaveProperty("dockerfile");
    expect(snapshotBuildRecipe(native, version, has())).toMatchObject({ dockerfile });
  });

  it("leaves a recipe without placeholders as it is", () => {
    const recipe = { dockerfile: "docker/one.Dockerfile", buildArgs: { A: "1" } };
    expect(snapshotBuildRecipe(recipe, version, () => false)).toEqual(recipe);
  });
});
