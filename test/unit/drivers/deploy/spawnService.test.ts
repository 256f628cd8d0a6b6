import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findExecutable, placementPrefix } from "../../../../src/drivers/deploy/spawnService.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

describe("placement", () => {
  it("finds executables on a PATH", () => {
    const dir = useTmpDir({ tool: "#!/bin/sh\n", plain: "x" });
    chmodSync(join(dir, "tool"), 0o755);
    writeFileSync(join(dir, "plain"), "x");
    expect(findExecutable("tool", `/nonexistent::${dir}`)).toBe(join(dir, "tool"));
    expect(findExecutable("plain", dir)).toBeNull();
    expect(findExecutable("tool", "")).toBeNull();
  });

  it("adds no prefix without cpus, and says clearly when taskset is missing", () => {
    expect(placementPrefix(undefined)).toEqual([]);
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      expect(() => placementPrefix("0")).toThrow(expect.objectContaining({ code: "E_DEPLOY_TASKSET" }));
    } finally {
      process.env.PATH = path;
    }
  });
});
