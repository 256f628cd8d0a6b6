import { describe, expect, it } from "vitest";
import { normalizeArgv } from "../../../src/cli/normalizeArgv.js";

describe("normalizeArgv: the prototype's spellings", () => {
  it("reads --staging-root after the command as --workspace (the prototype's scripts put it there)", () => {
    expect(
      normalizeArgv(["create-version", "--slug", "s", "--from", "none", "--staging-root", "/ws"]),
    ).toEqual(["create-version", "s", "--from", "none", "--workspace", "/ws"]);
  });

  it("reads --staging-root before the command, and its = form", () => {
    expect(normalizeArgv(["--staging-root", "/ws", "versions"])).toEqual(["--workspace", "/ws", "versions"]);
    expect(normalizeArgv(["versions", "--staging-root=/ws"])).toEqual(["versions", "--workspace=/ws"]);
  });

  it("finds the command after global options with values, whatever they are", () => {
    expect(
      normalizeArgv([
        "--target",
        "ssh://u@127.0.0.1:2222",
        "--identity",
        "k",
        "build-images",
        "--slug",
        "v1",
      ]),
    ).toEqual(["--target", "ssh://u@127.0.0.1:2222", "--identity", "k", "build-images", "v1"]);
    expect(
      normalizeArgv(["--staging-root", "ws", "run-campaign", "--candidate=c", "--baseline", "b"]),
    ).toEqual(["--workspace", "ws", "run-campaign", "c", "--baseline", "b"]);
  });

  it("accepts --staging-root beside --workspace naming the same folder, and refuses two folders", () => {
    expect(normalizeArgv(["--workspace", "/ws", "versions", "--staging-root", "/ws"])).toHaveLength(5);
    expect(() => normalizeArgv(["--workspace", "/a", "versions", "--staging-root", "/b"])).toThrow(
      expect.objectContaining({
        code: "E_USAGE",
        facts: { field: "--staging-root", expected: "one workspace folder", got: "/a, /b" },
      }),
    );
  });

  it("leaves a command line without the old spellings as it is", () => {
    const argv = ["--workspace", "/ws", "make", "images:v1", "--dry-run"];
    expect(normalizeArgv(argv)).toEqual(argv);
  });
});
