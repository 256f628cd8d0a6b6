import { describe, expect, it } from "vitest";
import { fsmonitorSetting } from "../../../src/config/fsmonitorSetting.js";
import { resolveConfig } from "../../../src/config/resolveConfig.js";
import { StagingError } from "../../../src/errors/StagingError.js";

describe("the fsmonitor setting", () => {
  it("is off unless the config or STAGING_FSMONITOR turns it on; the variable wins", () => {
    expect(resolveConfig({}, undefined).fsmonitor).toBe(false);
    expect(resolveConfig({ fsmonitor: true }, undefined).fsmonitor).toBe(true);
    expect(fsmonitorSetting({}, true)).toBe(true);
    expect(fsmonitorSetting({ STAGING_FSMONITOR: "" }, false)).toBe(false);
    for (const on of ["1", "true", "ON", " yes "])
      expect(fsmonitorSetting({ STAGING_FSMONITOR: on }, false)).toBe(true);
    for (const off of ["0", "false", "off", "No"])
      expect(fsmonitorSetting({ STAGING_FSMONITOR: off }, true)).toBe(false);
  });

  it("refuses anything else, naming the variable or the field", () => {
    expect(() => fsmonitorSetting({ STAGING_FSMONITOR: "maybe" }, false)).toThrow(StagingError);
    expect(() => fsmonitorSetting({ STAGING_FSMONITOR: "maybe" }, false)).toThrow(/STAGING_FSMONITOR/);
    const bad = { fsmonitor: "yes" } as unknown as Parameters<typeof resolveConfig>[0];
    expect(() => resolveConfig(bad, "/w/staging.config.ts")).toThrow(/fsmonitor/);
  });
});
