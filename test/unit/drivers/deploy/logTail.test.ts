import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lastLines, tailFile } from "../../../../src/drivers/deploy/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

describe("log tails", () => {
  it("keep the last non-empty lines", () => {
    expect(lastLines("a\n\nb\r\nc\n", 2)).toBe("b\nc");
  });

  it("read a file from an offset on, and nothing for a missing file", async () => {
    const file = join(useTmpDir(), "deploy.log");
    const earlier = "old attempt\n";
    writeFileSync(file, earlier + Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n"));
    const tail = await tailFile(file, Buffer.byteLength(earlier));
    expect(tail.split("\n")).toHaveLength(20);
    expect(tail.endsWith("line 29")).toBe(true);
    expect(await tailFile(file, Buffer.byteLength(earlier), 100)).not.toContain("old attempt");
    expect(await tailFile(join(file, "missing"))).toBe("");
  });
});
