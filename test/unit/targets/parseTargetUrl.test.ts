import { describe, expect, it } from "vitest";
import { StagingError } from "../../../src/errors/StagingError.js";
import { parseTargetUrl, sshTargetName } from "../../../src/targets/parseTargetUrl.js";

describe("parseTargetUrl", () => {
  it("reads local and ssh URLs", () => {
    expect(parseTargetUrl("local")).toEqual({ kind: "local" });
    expect(parseTargetUrl("ssh://ci@10.0.0.5:2222")).toEqual({
      kind: "ssh",
      address: { user: "ci", host: "10.0.0.5", port: 2222 },
    });
    expect(parseTargetUrl("ssh://my-vm")).toEqual({ kind: "ssh", address: { host: "my-vm" } });
    expect(parseTargetUrl("ssh://root@[::1]:22/")).toEqual({
      kind: "ssh",
      address: { user: "root", host: "::1", port: 22 },
    });
  });

  it("refuses other forms with the accepted ones, and never echoes a password", () => {
    for (const bad of ["http://x", "user@host", "ssh://", "ssh://h:99999", "ssh://a b"]) {
      expect(() => parseTargetUrl(bad)).toThrow(StagingError);
    }
    try {
      parseTargetUrl("ssh://me:hunter2@host");
      throw new Error("accepted a password");
    } catch (error) {
      const text = (error as StagingError).format();
      expect(text).not.toContain("hunter2");
      expect(text).toContain("ssh://me:***@host");
      expect((error as StagingError).code).toBe("E_TARGET_URL");
    }
  });

  it("names targets without secrets", () => {
    expect(sshTargetName("ci", "10.0.0.5", 22)).toBe("ssh://ci@10.0.0.5:22");
    expect(sshTargetName("ci", "::1", 2222)).toBe("ssh://ci@[::1]:2222");
  });
});
