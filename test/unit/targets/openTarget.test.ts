import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LocalTarget } from "../../../src/targets/LocalTarget.js";
import { openTarget, sshTargetOptions } from "../../../src/targets/openTarget.js";
import { SshTarget } from "../../../src/targets/ssh/SshTarget.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

describe("openTarget", () => {
  it("opens local by default, or from STAGING_TARGET", () => {
    expect(openTarget(undefined, { env: {} })).toBeInstanceOf(LocalTarget);
    const ssh = openTarget(undefined, {
      env: { STAGING_TARGET: "ssh://ci@10.0.0.5:2222" },
      sshConfigFile: "/nonexistent",
    });
    expect(ssh).toBeInstanceOf(SshTarget);
    expect(ssh.name).toBe("ssh://ci@10.0.0.5:2222");
  });

  it("opens a target named in the config, with command-line flags winning", () => {
    const named = { vm: { url: "ssh://ubuntu@10.1.1.1", identity: "/cfg/key", knownHosts: "/cfg/kh" } };
    const target = openTarget("vm", { named, env: {}, sshConfigFile: "/nonexistent" });
    expect(target.name).toBe("ssh://ubuntu@10.1.1.1:22");
    const opts = sshTargetOptions(
      { host: "10.1.1.1", user: "ubuntu" },
      { identity: "/cli/key", knownHosts: "/cli/kh", env: {}, sshConfigFile: "/nonexistent" },
    );
    expect(opts.identityFiles).toEqual([{ path: "/cli/key", required: true }]);
    expect(opts.knownHostsFile).toBe("/cli/kh");
  });

  it("resolves ~/.ssh/config aliases; the URL's own user and port win", () => {
    const dir = useTmpDir();
    const config = join(dir, "config");
    writeFileSync(
      config,
      "Host myvm\n  HostName 192.168.64.9\n  User ubuntu\n  Port 2200\n  IdentityFile ~/.ssh/vm_key\n",
    );
    const opts = sshTargetOptions(
      { host: "myvm" },
      { sshConfigFile: config, env: { SSH_AUTH_SOCK: "/tmp/agent.sock" } },
    );
    expect(opts).toMatchObject({
      host: "192.168.64.9",
      user: "ubuntu",
      port: 2200,
      identityFiles: [{ path: join(homedir(), ".ssh/vm_key"), required: false }],
      agentSocket: "/tmp/agent.sock",
      knownHostsFile: join(homedir(), ".ssh/known_hosts"),
    });
    expect(
      sshTargetOptions({ host: "myvm", user: "root", port: 22 }, { sshConfigFile: config, env: {} }),
    ).toMatchObject({ user: "root", port: 22 });
  });

  it("falls back to the local user, port 22 and the default key files", () => {
    const opts = sshTargetOptions({ host: "h" }, { sshConfigFile: "/nonexistent", env: {} });
    expect(opts.user).toBe(userInfo().username);
    expect(opts.port).toBe(22);
    expect(opts.identityFiles.map((f) => f.path)).toEqual(
      ["id_ed25519", "id_ecdsa", "id_rsa"].map((f) => join(homedir(), ".ssh", f)),
    );
    expect(opts.agentSocket).toBeUndefined();
  });
});
