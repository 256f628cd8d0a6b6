import { createHmac } from "node:crypto";
import type { HostKeyInfo } from "./hostKey.js";
import { matchPatternList } from "./hostPattern.js";

/** One key line of a known_hosts file. */
export interface KnownHostEntry {
  marker?: "@revoked" | "@cert-authority";
  /** The host field: comma-separated patterns, or one hashed `|1|salt|hash` name. */
  hosts: string;
  type: string;
  base64: string;
  /** 1-based line number, for messages. */
  line: number;
}

export type HostKeyVerdict =
  | { status: "trusted"; entry: KnownHostEntry }
  | { status: "unknown" }
  | { status: "changed"; expected: KnownHostEntry[] }
  | { status: "revoked"; entry: KnownHostEntry };

/** Parses known_hosts text: plain, wildcard and hashed host fields, `@revoked` markers. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === "" || fields[0].startsWith("#")) return;
    let marker: KnownHostEntry["marker"];
    if (fields[0] === "@revoked" || fields[0] === "@cert-authority")
      marker = fields.shift() as KnownHostEntry["marker"];
    const [hosts, type, base64] = fields;
    if (hosts === undefined || type === undefined || base64 === undefined) return;
    entries.push({ ...(marker ? { marker } : {}), hosts, type, base64, line: index + 1 });
  });
  return entries;
}

/** Whether a known_hosts host field names `name` (`host` or `[host]:port`). */
export function hostFieldMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith("|1|")) {
    const [, , salt, hash] = hosts.split("|");
    if (salt === undefined || hash === undefined) return false;
    const digest = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
    return digest === hash;
  }
  return matchPatternList(hosts.split(","), name);
}

/** Entries for this host (certificate authorities are not supported and are left out). */
export function entriesFor(entries: readonly KnownHostEntry[], name: string): KnownHostEntry[] {
  return entries.filter((e) => e.marker !== "@cert-authority" && hostFieldMatches(e.hosts, name));
}

/** OpenSSH's decision for a presented key: revoked, trusted, changed (host known with other keys) or unknown. */
export function verifyHostKey(
  entries: readonly KnownHostEntry[],
  name: string,
  key: HostKeyInfo,
): HostKeyVerdict {
  const revoked = entries.find((e) => e.marker === "@revoked" && e.base64 === key.base64);
  if (revoked) return { status: "revoked", entry: revoked };
  const mine = entriesFor(entries, name).filter((e) => e.marker === undefined);
  const trusted = mine.find((e) => e.type === key.type && e.base64 === key.base64);
  if (trusted) return { status: "trusted", entry: trusted };
  return mine.length > 0 ? { status: "changed", expected: mine } : { status: "unknown" };
}

/** Key types known for this host, in file order, without repeats. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  const types = entriesFor(entries, name)
    .filter((e) => e.marker === undefined)
    .map((e) => e.type);
  return [...new Set(types)];
}
