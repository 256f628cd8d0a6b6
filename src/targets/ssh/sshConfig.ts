import { matchPatternList } from "./hostPattern.js";

/** What staging takes from `~/.ssh/config` for a host alias. */
export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
}

interface Block {
  /** Host patterns; `undefined` for a `Match` block, which this parser never applies. */
  patterns: string[] | undefined;
  options: Array<[key: string, value: string]>;
}

const WANTED = new Set(["hostname", "user", "port", "identityfile"]);

/** Splits `Key value`, `Key=value` and `Key "quoted value"` lines into blocks. */
export function parseSshConfig(text: string): Block[] {
  const blocks: Block[] = [{ patterns: ["*"], options: [] }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!match) continue;
    const key = (match[1] ?? "").toLowerCase();
    const value = unquote((match[2] ?? "").trim());
    if (key === "host") blocks.push({ patterns: value.split(/\s+/).map(unquote), options: [] });
    else if (key === "match") blocks.push({ patterns: undefined, options: [] });
    else if (WANTED.has(key)) blocks[blocks.length - 1]?.options.push([key, value]);
  }
  return blocks;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * The settings for `alias` with ssh's rule: the first value obtained wins, IdentityFile accumulates.
 * `%h` (alias or HostName), `%r` (user), `%u` (local user), `%d` and `~` (home), `%%` are expanded.
 * `Match` and `Include` are not supported.
 */
export function resolveSshConfig(
  text: string,
  alias: string,
  ctx: { home: string; localUser: string },
): SshHostConfig {
  const found: SshHostConfig = { identityFiles: [] };
  for (const block of parseSshConfig(text)) {
    if (!block.patterns || !matchPatternList(block.patterns, alias)) continue;
    for (const [key, value] of block.options) {
      if (key === "hostname") found.hostName ??= value;
      else if (key === "user") found.user ??= value;
      else if (key === "port" && found.port === undefined && /^[0-9]+$/.test(value))
        found.port = Number(value);
      else if (key === "identityfile") found.identityFiles.push(value);
    }
  }
  const host = found.hostName ? expand(found.hostName, { ...ctx, host: alias, user: "" }) : undefined;
  const vars = { ...ctx, host: host ?? alias, user: found.user ?? ctx.localUser };
  return {
    ...(host !== undefined ? { hostName: host } : {}),
    ...(found.user !== undefined ? { user: found.user } : {}),
    ...(found.port !== undefined ? { port: found.port } : {}),
    identityFiles: found.identityFiles.map((f) => expand(f, vars)),
  };
}

function expand(value: string, v: { home: string; localUser: string; host: string; user: string }): string {
  const tilde = value === "~" ? v.home : value.startsWith("~/") ? v.home + value.slice(1) : value;
  const table: Record<string, string> = { h: v.host, r: v.user, u: v.localUser, d: v.home, "%": "%" };
  return tilde.replace(/%([hrud%])/g, (all, k: string) => table[k] ?? all);
}
