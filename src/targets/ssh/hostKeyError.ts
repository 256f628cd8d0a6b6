import { StagingError } from "../../errors/StagingError.js";
import { knownHostsLine, type HostKeyInfo } from "./hostKey.js";
import type { HostKeyVerdict } from "./knownHosts.js";

export interface HostKeyContext {
  target: string;
  host: string;
  port: number;
  knownHostsFile: string;
  key: HostKeyInfo;
}

/**
 * The refusal of a host key that known_hosts does not trust. It names the fingerprint and the exact
 * line to add, so a person can compare the fingerprint with the one the machine shows
 * (`ssh-keygen -lf /etc/ssh/ssh_host_<type>_key.pub` on it) before trusting it.
 */
export function hostKeyError(
  verdict: Exclude<HostKeyVerdict, { status: "trusted" }>,
  ctx: HostKeyContext,
): StagingError {
  const line = knownHostsLine(ctx.host, ctx.port, ctx.key);
  const base = {
    target: ctx.target,
    "known hosts": ctx.knownHostsFile,
    "key type": ctx.key.type,
    fingerprint: ctx.key.fingerprint,
  };
  if (verdict.status === "unknown") {
    return new StagingError(`host key of ${ctx.target} is not in known_hosts`, {
      code: "E_SSH_HOSTKEY_UNKNOWN",
      facts: { ...base, "line to add": line },
      hint: `check the fingerprint on the machine itself, then add the line to ${ctx.knownHostsFile} (or pass --known-hosts FILE)`,
    });
  }
  if (verdict.status === "revoked") {
    return new StagingError(`host key of ${ctx.target} is marked @revoked in known_hosts`, {
      code: "E_SSH_HOSTKEY_REVOKED",
      facts: { ...base, "revoked at": `${ctx.knownHostsFile}:${verdict.entry.line}` },
      hint: "the machine presents a key you revoked: do not connect until it has a new host key",
    });
  }
  const lines = verdict.expected.map((e) => `${ctx.knownHostsFile}:${e.line} (${e.type})`).join(", ");
  return new StagingError(`host key of ${ctx.target} has CHANGED since it was added to known_hosts`, {
    code: "E_SSH_HOSTKEY_CHANGED",
    facts: { ...base, "known at": lines, "line to add": line },
    hint:
      "someone may be intercepting the connection, or the machine was reinstalled: check the fingerprint on the machine, " +
      `then remove the old line (ssh-keygen -R '${line.split(" ")[0]}' -f ${ctx.knownHostsFile}) and add the new one`,
  });
}
