import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { OPTION_RANGES, parsePositiveInt, parseSeed } from "../../../src/cli/parsers.js";

const refusal = (parse: (v: string) => number, value: string): string => {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${value}`);
};

describe("numeric options have documented ranges", () => {
  it("accepts --runs from 1 to 1000", () => {
    const runs = parsePositiveInt("--runs");
    expect(runs("1")).toBe(1);
    expect(runs("1000")).toBe(1000);
    expect(refusal(runs, "1001")).toBe(
      "--runs expects a whole number from 1 to 1,000 (rounds of a campaign), got '1001'",
    );
  });

  it.each(["0", "1000000000", "99999999999999999999", "-1", "1e9", "abc", "", " 3", "3.0", "0x10"])(
    "refuses --runs %j",
    (value) =>
      expect(refusal(parsePositiveInt("--runs"), value)).toMatch(
        /^--runs expects a whole number from 1 to 1,000/,
      ),
  );

  it("bounds --concurrency and any other count", () => {
    expect(refusal(parsePositiveInt("--concurrency"), "65")).toMatch(/from 1 to 64/);
    expect(parsePositiveInt("--other")("1000000")).toBe(1000000);
    expect(refusal(parsePositiveInt("--other"), "1000001")).toMatch(/from 1 to 1,000,000/);
  });

  it("takes seeds from 0 to 999,999,999", () => {
    expect(parseSeed("0")).toBe(0);
    expect(parseSeed("999999999")).toBe(999999999);
    expect(refusal(parseSeed, "1000000000")).toMatch(/^--seed expects a whole number from 0 to 999,999,999/);
  });

  it("documents every range it checks", () => {
    for (const range of Object.values(OPTION_RANGES)) expect(range.max).toBeGreaterThan(range.min);
  });
});
