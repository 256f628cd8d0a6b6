import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../../src/config/resolveConfig.js";
import type { StagingConfig } from "../../../../src/config/StagingConfig.js";
import { deployTools } from "../../../../src/staging/deploy/deployTools.js";
import { graphTools } from "../../../../src/staging/graph/graphTools.js";

const configs: StagingConfig[] = [
  {},
  { builder: "artifact" },
  { builder: "docker" },
  { builder: "artifact", modes: { node: { deploy: { command: ["node", "{artifact}/s.mjs"] } } } },
  { builder: "docker", modes: { web: { deploy: { driver: "helm" } } } },
  { builder: "artifact", modes: { a: {}, b: { deploy: { driver: "helm" } } } },
];

describe("graphTools", () => {
  it.each(configs.map((c) => [JSON.stringify(c), c] as const))(
    "holds every tool a node's key can hold (%s), so the probe of a planning command leaves none out",
    (_, c) => {
      const config = resolveConfig(c, undefined, "/ws");
      const probed = graphTools(config);
      if (config.builder === "docker") expect(probed.target).toContain("docker");
      // A mode the config does not name, which a benchmark may still run, included.
      for (const mode of [...Object.keys(config.modes), "unnamed"]) {
        const { on, tools } = deployTools(config, mode);
        for (const tool of tools) expect(probed[on]).toContain(tool);
      }
    },
  );

  it("leaves out what no node runs: k6 always, helm and kubectl without a helm mode", () => {
    expect(graphTools(resolveConfig({ builder: "artifact" }, undefined, "/ws"))).toEqual({
      local: ["bun", "node"],
      target: [],
    });
    expect(graphTools(resolveConfig({ builder: "docker" }, undefined, "/ws"))).toEqual({
      local: [],
      target: ["docker"],
    });
  });
});
