import { StagingError } from "../errors/StagingError.js";

/** Where an SSH target is, as written by the user (an alias is resolved later through ~/.ssh/config). */
export interface SshAddress {
  host: string;
  user?: string;
  port?: number;
}

export type ParsedTarget = { kind: "local" } | { kind: "ssh"; address: SshAddress };

/**
 * `local`, or `ssh://[user@]host[:port]` where host may be a `~/.ssh/config` alias or a bracketed
 * IPv6 address. Anything else is refused with the accepted forms.
 */
export function parseTargetUrl(text: string): ParsedTarget {
  const value = text.trim();
  if (value === "local") return { kind: "local" };
  const match = /^ssh:\/\/(?:([^@/:\s]+)@)?(\[[0-9A-Fa-f:.]+\]|[^@/:\s[\]]+)(?::([0-9]{1,5}))?\/?$/.exec(
    value,
  );
  if (!match)
    throw badTarget(value, "`local` or `ssh://[user@]host[:port]` (passwords are not accepted: use a key)");
  const [, user, rawHost, rawPort] = match;
  const host = (rawHost ?? "").replace(/^\[(.*)\]$/, "$1");
  const port = rawPort === undefined ? undefined : Number(rawPort);
  if (port !== undefined && (port < 1 || port > 65535)) throw badTarget(value, "the port must be 1-65535");
  return {
    kind: "ssh",
    address: {
      host,
      ...(user !== undefined ? { user: decodeURIComponent(user) } : {}),
      ...(port !== undefined ? { port } : {}),
    },
  };
}

/** The target's name for messages and records: `ssh://user@host:port`, no key paths or secrets. */
export function sshTargetName(user: string, host: string, port: number): string {
  return `ssh://${user}@${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function badTarget(value: string, expected: string): StagingError {
  return new StagingError("cannot read the target", {
    code: "E_TARGET_URL",
    facts: { target: value.replace(/^(\w+:\/\/[^:@/]*):[^@/]*@/, "$1:***@"), expected },
    hint: "pass --target local, --target ssh://user@host:port, or a target name from staging.config.ts",
  });
}
