import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isEnvName, shellJoin, shellQuote } from "../../../src/targets/shellQuote.js";
import { HOSTILE } from "./hostile.js";

/** Runs `printf '%s\0' ARGS` through `sh -c` and splits the NUL-separated output. */
function throughShell(shell: string, args: readonly string[]): string[] {
  const result = spawnSync(shell, ["-c", `printf '%s\\0' ${shellJoin(args)}`], { encoding: "utf8" });
  expect(result.status).toBe(0);
  return result.stdout.split("\0").slice(0, -1);
}

describe("shellQuote", () => {
  it("wraps in single quotes and escapes single quotes as '\\''", () => {
    expect(shellQuote("abc")).toBe("'abc'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it("refuses NUL bytes, which no process can receive", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
  });

  for (const shell of ["sh", "bash", "dash"]) {
    const present = spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;
    it.skipIf(!present)(`hostile arguments reach ${shell} byte-exact`, () => {
      expect(throughShell(shell, HOSTILE)).toEqual(HOSTILE);
    });
  }

  it("any string without NUL round-trips through sh (property)", () => {
    const arg = fc.string({ unit: "grapheme", maxLength: 30 }).filter((s) => !s.includes("\0"));
    fc.assert(
      fc.property(fc.array(arg, { minLength: 1, maxLength: 5 }), (args) => {
        expect(throughShell("sh", args)).toEqual(args);
      }),
      { numRuns: 150 },
    );
  });

  it("knows environment variable names", () => {
    expect(isEnvName("PATH")).toBe(true);
    expect(isEnvName("_a1")).toBe(true);
    expect(isEnvName("1A")).toBe(false);
    expect(isEnvName("A-B")).toBe(false);
    expect(isEnvName("A=B")).toBe(false);
    expect(isEnvName("")).toBe(false);
  });
});
