import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StagingError } from "../../../../src/errors/StagingError.js";
import { sshFingerprint } from "../../../../src/targets/ssh/hostKey.js";
import { hostKeyOf } from "../../../helpers/sshd.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { sshd, sshTarget } from "./sshFixture.js";

async function refusal(promise: Promise<unknown>): Promise<StagingError> {
  const error = await promise.then(
    () => new Error("connected"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StagingError);
  return error as StagingError;
}

describe.skipIf(!sshd)("SshTarget: host keys and credentials", () => {
  const s = sshd!;
  const hostKey = hostKeyOf(s);
  const fingerprint = sshFingerprint(Buffer.from(hostKey.split(" ")[1] ?? "", "base64"));
  const line = `[${s.host}]:${s.port} ${hostKey}`;

  it("refuses an unknown host key with its fingerprint and the exact line to add, at once", async () => {
    const dir = useTmpDir({ known_hosts: "" });
    const started = Date.now();
    const target = sshTarget(s, { knownHostsFile: join(dir, "known_hosts") });
    const error = await refusal(target.run(["true"]));
    expect(error.code).toBe("E_SSH_HOSTKEY_UNKNOWN");
    expect(error.facts.fingerprint).toBe(fingerprint);
    expect(error.facts["line to add"]).toBe(line);
    expect(Date.now() - started).toBeLessThan(4_000); // not retried
    const listed = spawnSync("ssh-keygen", ["-l", "-E", "sha256", "-f", s.hostKeyPub], {
      encoding: "utf8",
    }).stdout;
    expect(listed).toContain(fingerprint);
    writeFileSync(join(dir, "known_hosts"), `${error.facts["line to add"]}\n`);
    const trusted = sshTarget(s, { knownHostsFile: join(dir, "known_hosts") });
    expect((await trusted.run(["echo", "ok"])).stdout).toBe("ok\n");
    await trusted.close();
  });

  it("a missing known_hosts file is an unknown key, not a crash", async () => {
    const dir = useTmpDir();
    const error = await refusal(sshTarget(s, { knownHostsFile: join(dir, "nope") }).run(["true"]));
    expect(error.code).toBe("E_SSH_HOSTKEY_UNKNOWN");
    expect(error.format()).toContain(join(dir, "nope"));
  });

  it("refuses a changed host key, naming the old line and the new fingerprint", async () => {
    const dir = useTmpDir();
    spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "other")]);
    const other = readFileSync(join(dir, "other.pub"), "utf8").split(" ").slice(0, 2).join(" ");
    writeFileSync(join(dir, "known_hosts"), `# header\n[${s.host}]:${s.port} ${other}\n`);
    const error = await refusal(sshTarget(s, { knownHostsFile: join(dir, "known_hosts") }).run(["true"]));
    expect(error.code).toBe("E_SSH_HOSTKEY_CHANGED");
    expect(error.facts.fingerprint).toBe(fingerprint);
    expect(error.facts["known at"]).toBe(`${join(dir, "known_hosts")}:2 (ssh-ed25519)`);
    expect(error.facts["line to add"]).toBe(line);
    expect(error.format()).toMatch(/CHANGED/);
  });

  it("accepts hashed known_hosts entries (ssh-keygen -H)", async () => {
    const dir = useTmpDir();
    const file = join(dir, "known_hosts");
    writeFileSync(file, `${line}\n`);
    expect(spawnSync("ssh-keygen", ["-H", "-f", file]).status).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/^\|1\|/);
    const target = sshTarget(s, { knownHostsFile: file });
    expect((await target.run(["echo", "hashed"])).stdout).toBe("hashed\n");
    await target.close();
  });

  it("refuses a @revoked key", async () => {
    const dir = useTmpDir();
    writeFileSync(join(dir, "known_hosts"), `${line}\n@revoked * ${hostKey}\n`);
    const error = await refusal(sshTarget(s, { knownHostsFile: join(dir, "known_hosts") }).run(["true"]));
    expect(error.code).toBe("E_SSH_HOSTKEY_REVOKED");
  });

  it("a rejected login fails at once with the key paths, never their contents", async () => {
    const dir = useTmpDir();
    spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "stranger")]);
    const started = Date.now();
    const error = await refusal(
      sshTarget(s, { identityFiles: [{ path: join(dir, "stranger"), required: true }] }).run(["true"]),
    );
    expect(error.code).toBe("E_SSH_AUTH");
    expect(Date.now() - started).toBeLessThan(4_000);
    const text = error.format();
    expect(text).toContain(join(dir, "stranger"));
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain(readFileSync(join(dir, "stranger"), "utf8").split("\n")[1] ?? "unreachable");
  });

  it("a missing --identity file is a clear error", async () => {
    const error = await refusal(
      sshTarget(s, { identityFiles: [{ path: "/nonexistent/key", required: true }] }).run(["true"]),
    );
    expect(error.code).toBe("E_SSH_IDENTITY");
    expect(error.facts.file).toBe("/nonexistent/key");
  });

  it("no secrets in the name, errors or identity of a working target", async () => {
    const target = sshTarget(s);
    const key = readFileSync(s.identity, "utf8");
    const identity = JSON.stringify(await target.identity());
    expect(target.name).toBe(`ssh://${s.user}@${s.host}:${s.port}`);
    for (const text of [target.name, identity]) {
      expect(text).not.toContain(s.identity);
      expect(text).not.toContain(key.split("\n")[1] ?? "unreachable");
    }
    await target.close();
  });
});
