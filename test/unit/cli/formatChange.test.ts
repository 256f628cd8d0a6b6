import { describe, expect, it } from "vitest";
import { formatChange } from "../../../src/cli/formatChange.js";

const digest = "d3f5a4da9b54c0ffee0123456789abcdef";

describe("formatChange (explain's lines)", () => {
  it("shows an upstream that will change in whole words, closing parenthesis included", () => {
    expect(
      formatChange({
        kind: "upstream",
        name: "fingerprint:v1",
        old: digest,
        new: "(will change: upstream stale)",
      }),
    ).toBe("upstream fingerprint:v1: d3f5a4da9b54 -> (will change: upstream stale)");
  });

  it("cuts digests to 12 characters and names files by input and path", () => {
    expect(
      formatChange({
        kind: "file",
        name: "snapshot",
        path: "src/a.ts",
        old: digest,
        new: digest.toUpperCase(),
      }),
    ).toBe("file snapshot/src/a.ts: d3f5a4da9b54 -> D3F5A4DA9B54");
  });

  it("says (absent) and (unset) for added, removed and unset values", () => {
    expect(formatChange({ kind: "value", name: "recipe", new: "x" })).toBe("value recipe: (absent) -> x");
    expect(formatChange({ kind: "env", name: "HOME", old: null, new: "/root" })).toBe(
      "env HOME: (unset) -> /root",
    );
  });
});
