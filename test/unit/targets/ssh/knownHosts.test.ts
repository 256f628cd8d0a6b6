import { createHmac, generateKeyPairSync } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  describeHostKey,
  knownHostsLine,
  knownHostsName,
  keyTypeOf,
  algorithmsForKeyType,
} from "../../../../src/targets/ssh/hostKey.js";
import { hostKeyError } from "../../../../src/targets/ssh/hostKeyError.js";
import {
  hostFieldMatches,
  knownKeyTypes,
  parseKnownHosts,
  verifyHostKey,
} from "../../../../src/targets/ssh/knownHosts.js";

/** An ssh-ed25519 public key blob in SSH wire format. */
export function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  const len = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const type = Buffer.from("ssh-ed25519");
  return Buffer.concat([len(type.length), type, len(raw.length), raw]);
}

function hashed(name: string): string {
  const salt = Buffer.from("0123456789abcdef0123");
  return `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`;
}

describe("host keys", () => {
  it("computes the SHA256 fingerprint exactly as ssh-keygen -l does", () => {
    const dir = mkdtempSync(join(tmpdir(), "staging-hostkey-"));
    try {
      const made = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
      if (made.status !== 0) return; // no ssh-keygen here: the blob tests below still run
      const [type, base64] = readFileSync(join(dir, "k.pub"), "utf8").split(" ");
      const listed = spawnSync("ssh-keygen", ["-l", "-E", "sha256", "-f", join(dir, "k.pub")], {
        encoding: "utf8",
      }).stdout;
      const info = describeHostKey(Buffer.from(base64 ?? "", "base64"));
      expect(info.type).toBe(type);
      expect(listed.split(" ")[1]).toBe(info.fingerprint);
      expect(info.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the key type from the blob and names hosts like known_hosts", () => {
    const blob = ed25519Blob();
    expect(keyTypeOf(blob)).toBe("ssh-ed25519");
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe("unknown");
    expect(knownHostsName("Example.COM", 22)).toBe("example.com");
    expect(knownHostsName("127.0.0.1", 2222)).toBe("[127.0.0.1]:2222");
    expect(knownHostsLine("127.0.0.1", 2222, describeHostKey(blob))).toBe(
      `[127.0.0.1]:2222 ssh-ed25519 ${blob.toString("base64")}`,
    );
    expect(algorithmsForKeyType("ssh-rsa")).toEqual(["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]);
    expect(algorithmsForKeyType("ssh-dss")).toEqual([]);
  });
});

describe("known_hosts", () => {
  const key = describeHostKey(ed25519Blob());
  const other = describeHostKey(ed25519Blob());

  it("matches plain, comma lists, wildcards, negation, [host]:port and hashed names", () => {
    expect(hostFieldMatches("a.example,b.example", "b.example")).toBe(true);
    expect(hostFieldMatches("*.example", "vm.example")).toBe(true);
    expect(hostFieldMatches("*.example,!bad.example", "bad.example")).toBe(false);
    expect(hostFieldMatches("[127.0.0.1]:2222", "[127.0.0.1]:2222")).toBe(true);
    expect(hostFieldMatches("127.0.0.1", "[127.0.0.1]:2222")).toBe(false);
    expect(hostFieldMatches("vm?", "vm1")).toBe(true);
    expect(hostFieldMatches(hashed("[10.1.2.3]:2200"), "[10.1.2.3]:2200")).toBe(true);
    expect(hostFieldMatches(hashed("[10.1.2.3]:2200"), "10.1.2.3")).toBe(false);
  });

  it("trusts a listed key, says unknown for an unlisted host and changed for a different key", () => {
    const text = [
      "# comment",
      "",
      `[127.0.0.1]:2222 ${key.type} ${key.base64} comment here`,
      `${hashed("vm.example")} ${other.type} ${other.base64}`,
      `@cert-authority *.example ${other.type} ${other.base64}`,
      "garbage",
    ].join("\n");
    const entries = parseKnownHosts(text);
    expect(entries).toHaveLength(3);
    expect(verifyHostKey(entries, "[127.0.0.1]:2222", key).status).toBe("trusted");
    expect(verifyHostKey(entries, "[127.0.0.1]:2223", key).status).toBe("unknown");
    expect(verifyHostKey(entries, "vm.example", other).status).toBe("trusted");
    const changed = verifyHostKey(entries, "vm.example", key);
    expect(changed.status).toBe("changed");
    expect(changed.status === "changed" && changed.expected[0]?.line).toBe(4);
    expect(verifyHostKey(entries, "x.example", other).status).toBe("unknown");
  });

  it("refuses a @revoked key even where the host lists it", () => {
    const entries = parseKnownHosts(`host ${key.type} ${key.base64}\n@revoked * ${key.type} ${key.base64}\n`);
    expect(verifyHostKey(entries, "host", key).status).toBe("revoked");
  });

  it("lists the key types known for a host, for the algorithm preference", () => {
    const entries = parseKnownHosts(`h ssh-rsa AAAA\nh ${key.type} ${key.base64}\nh ssh-rsa BBBB\n`);
    expect(knownKeyTypes(entries, "h")).toEqual(["ssh-rsa", "ssh-ed25519"]);
  });

  it("refusals name the fingerprint and the exact line to add", () => {
    const ctx = { target: "ssh://u@h:2222", host: "h", port: 2222, knownHostsFile: "/kh", key };
    const unknown = hostKeyError({ status: "unknown" }, ctx);
    expect(unknown.code).toBe("E_SSH_HOSTKEY_UNKNOWN");
    expect(unknown.format()).toContain(key.fingerprint);
    expect(unknown.format()).toContain(`[h]:2222 ssh-ed25519 ${key.base64}`);
    const entries = parseKnownHosts(`[h]:2222 ${other.type} ${other.base64}`);
    const verdict = verifyHostKey(entries, "[h]:2222", key);
    if (verdict.status !== "changed") throw new Error("expected changed");
    const changed = hostKeyError(verdict, ctx);
    expect(changed.code).toBe("E_SSH_HOSTKEY_CHANGED");
    expect(changed.format()).toContain("/kh:1");
    expect(changed.format()).toContain("ssh-keygen -R '[h]:2222' -f /kh");
  });
});
