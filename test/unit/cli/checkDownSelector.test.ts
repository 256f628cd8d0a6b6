import { describe, expect, it } from "vitest";
import { checkDownSelector } from "../../../src/cli/checkDownSelector.js";
import { StagingError } from "../../../src/errors/index.js";

describe("the selector of down", () => {
  it("accepts a version, or a version and a configured mode", () => {
    expect(checkDownSelector("candidate", ["node", "bun"])).toBe("candidate");
    expect(checkDownSelector("candidate:bun", ["node", "bun"])).toBe("candidate:bun");
  });

  it.each([
    ["../x", "E_SLUG"],
    ["$(id)", "E_SLUG"],
    ["Upper", "E_SLUG"],
    [":node", "E_SLUG"],
    ["candidate:jvm", "E_USAGE"],
    ["candidate:", "E_USAGE"],
  ])("refuses %j with %s", (selector, code) => {
    let error: unknown;
    try {
      checkDownSelector(selector, ["node", "bun"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StagingError);
    expect((error as StagingError).code).toBe(code);
    expect((error as StagingError).facts.field).toBe("selector");
  });
});
