import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { benchmarkValidatorCode } from "../../../scripts/schema/benchmarkValidatorCode.js";

describe("the precompiled benchmark validator", () => {
  it("is the code ajv generates from schemas/benchmark.schema.json today (npm run gen:validator)", () => {
    const committed = readFileSync(
      new URL("../../../src/staging/benchmark/benchmarkValidator.generated.ts", import.meta.url),
      "utf8",
    );
    expect(committed).toBe(benchmarkValidatorCode());
  });
});
