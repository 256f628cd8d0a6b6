import { createHash } from "node:crypto";

/** A server's public host key as the SSH wire format blob gives it. */
export interface HostKeyInfo {
  /** Key type from the blob, e.g. `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`. */
  type: string;
  /** The blob in base64, as it appears in known_hosts. */
  base64: string;
  /** `SHA256:<base64 without padding>`, exactly as OpenSSH prints it. */
  fingerprint: string;
}

/** The OpenSSH SHA256 fingerprint of a public key blob. */
export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** Reads the key type, the first string of the wire format (uint32 length, then bytes). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return "unknown";
  const length = blob.readUInt32BE(0);
  if (length > 64 || 4 + length > blob.length) return "unknown";
  return blob.subarray(4, 4 + length).toString("latin1");
}

export function describeHostKey(blob: Buffer): HostKeyInfo {
  return { type: keyTypeOf(blob), base64: blob.toString("base64"), fingerprint: sshFingerprint(blob) };
}

/** The host name known_hosts uses: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

/** The exact line that, added to known_hosts, trusts this key for this host. */
export function knownHostsLine(host: string, port: number, key: HostKeyInfo): string {
  return `${knownHostsName(host, port)} ${key.type} ${key.base64}`;
}

/** ssh2 host key algorithm names that a known_hosts key type can be verified with. */
export function algorithmsForKeyType(type: string): string[] {
  if (type === "ssh-rsa") return ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];
  if (type === "ssh-ed25519" || type.startsWith("ecdsa-sha2-nistp")) return [type];
  return [];
}
