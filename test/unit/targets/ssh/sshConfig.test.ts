import { describe, expect, it } from "vitest";
import { parseSshConfig, resolveSshConfig } from "../../../../src/targets/ssh/sshConfig.js";

const ctx = { home: "/home/me", localUser: "me" };

const CONFIG = `
# global
IdentityFile ~/.ssh/global_key

Host vm staging-vm
  HostName 192.168.64.5
  User ubuntu
  Port 2200
  IdentityFile ~/.ssh/vm_key

Host *.lab !secret.lab
  HostName %h.internal
  User=labuser
  IdentityFile "/keys/%r at %h"

Match host foo
  User nobody

Host *
  User fallback
  Port 22
`;

describe("ssh config", () => {
  it("resolves an alias: first value wins, IdentityFile accumulates, ~ expanded", () => {
    expect(resolveSshConfig(CONFIG, "staging-vm", ctx)).toEqual({
      hostName: "192.168.64.5",
      user: "ubuntu",
      port: 2200,
      identityFiles: ["/home/me/.ssh/global_key", "/home/me/.ssh/vm_key"],
    });
  });

  it("expands %h and %r, honours negated patterns and Key=value", () => {
    expect(resolveSshConfig(CONFIG, "box.lab", ctx)).toEqual({
      hostName: "box.lab.internal",
      user: "labuser",
      port: 22,
      identityFiles: ["/home/me/.ssh/global_key", "/keys/labuser at box.lab.internal"],
    });
    expect(resolveSshConfig(CONFIG, "secret.lab", ctx).user).toBe("fallback");
  });

  it("never applies Match blocks and leaves unknown hosts to the defaults", () => {
    expect(resolveSshConfig(CONFIG, "foo", ctx)).toEqual({
      user: "fallback",
      port: 22,
      identityFiles: ["/home/me/.ssh/global_key"],
    });
    expect(resolveSshConfig("", "anything", ctx)).toEqual({ identityFiles: [] });
    expect(parseSshConfig(CONFIG).filter((b) => b.patterns === undefined)).toHaveLength(1);
  });
});
