import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configReference } from "../../../scripts/docs/configReference.js";

describe("docs/config-reference.md", () => {
  it("is what the generator makes from the config types and the benchmark schema (run `npm run docs:config`)", () => {
    expect(readFileSync(new URL("../../../docs/config-reference.md", import.meta.url), "utf8")).toBe(
      configReference(),
    );
  });

  it("documents every field of staging.config.ts and benchmark.yaml's top level", () => {
    const doc = configReference();
    for (const field of [
      "`workspace?`",
      "`modes?`",
      "`builder?`",
      "`pools?`",
      "`function_profile`",
      "`load.warmup_s`",
      "`thresholds.max_fail_rate`",
      "`scrape.modes.<name>.<name>.series`",
    ]) {
      expect(doc).toContain(field);
    }
  });
});
