import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputSink } from "../../../src/targets/OutputSink.js";
import { validateCommand } from "../../../src/targets/validateCommand.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

describe("validateCommand", () => {
  it("accepts ordinary commands, including hostile arguments", () => {
    expect(validateCommand("t", ["printf", "%s", "$(x)", "", "-n"], { A_1: "it's" })).toBeUndefined();
  });

  it("refuses what no target can run faithfully", () => {
    expect(validateCommand("t", [], undefined)?.code).toBe("E_TARGET_ARGV");
    expect(validateCommand("t", [""], undefined)?.message).toMatch(/empty/);
    expect(validateCommand("t", ["-rf"], undefined)?.message).toMatch(/starts with '-'/);
    expect(validateCommand("t", ["echo", "a\0b"], undefined)?.message).toMatch(/NUL/);
    expect(validateCommand("t", ["env"], { "A=B": "x" })?.message).toMatch(
      /not an environment variable name/,
    );
    expect(validateCommand("t", ["env"], { A: "x\0" })?.message).toMatch(/NUL/);
  });
});

describe("OutputSink", () => {
  it("streams decoded text, keeps multi-byte characters whole, and appends to the log", () => {
    const dir = useTmpDir({ "logs/node.log": "earlier\n" });
    const seen: string[] = [];
    const sink = new OutputSink({
      logFile: join(dir, "logs/node.log"),
      onOutput: (text, stream) => seen.push(`${stream}:${text}`),
    });
    const snow = Buffer.from("☃", "utf8");
    sink.note("$ 'cmd'");
    sink.write("stdout", snow.subarray(0, 1));
    sink.write("stdout", snow.subarray(1));
    sink.write("stderr", Buffer.from("warn\n"));
    const out = sink.finish();
    expect(out).toEqual({ stdout: "☃", stderr: "warn\n" });
    expect(seen).toEqual(["stdout:☃", "stderr:warn\n"]);
    expect(readFileSync(join(dir, "logs/node.log"), "utf8")).toBe("earlier\n$ 'cmd'\n☃warn\n");
  });
});
