import { readFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import { StagingError } from "../errors/StagingError.js";
import { LocalTarget } from "./LocalTarget.js";
import { parseTargetUrl, type SshAddress } from "./parseTargetUrl.js";
import { resolveSshConfig } from "./ssh/sshConfig.js";
import { SshTarget, type SshTargetOptions } from "./ssh/SshTarget.js";
import type { Target } from "./Target.js";

/** What openTarget reads of a target named in `staging.config.ts` (a `TargetConfig` of src/config fits). */
export interface NamedTarget {
  /** `local` or `ssh://[user@]host[:port]` (host may be a ~/.ssh/config alias). */
  url: string;
  identity?: string;
  knownHosts?: string;
}

export interface OpenTargetOptions {
  /** `--identity FILE`: tried first, and must exist. */
  identity?: string;
  /** `--known-hosts FILE`. @default ~/.ssh/known_hosts */
  knownHosts?: string;
  /** @default ~/.ssh/config */
  sshConfigFile?: string;
  /** Targets named in staging.config.ts. */
  named?: Readonly<Record<string, NamedTarget>>;
  /** Where STAGING_TARGET and SSH_AUTH_SOCK come from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  retryBudgetMs?: number;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * The target for `--target SPEC` (or STAGING_TARGET, else `local`): a name from the config, `local`,
 * or an `ssh://` URL. Flags given on the command line win over the named target's settings.
 */
export function openTarget(spec: string | undefined, options: OpenTargetOptions = {}): Target {
  const env = options.env ?? process.env;
  const chosen = spec ?? env.STAGING_TARGET ?? "local";
  const named = options.named?.[chosen];
  const parsed = parseTargetUrl(named ? named.url : chosen);
  if (parsed.kind === "local") return new LocalTarget();
  const identity = options.identity ?? named?.identity;
  const knownHosts = options.knownHosts ?? named?.knownHosts;
  return new SshTarget(sshTargetOptions(parsed.address, { ...options, identity, knownHosts, env }));
}

/** Resolves an address through ~/.ssh/config and the defaults into everything a connection needs. */
export function sshTargetOptions(address: SshAddress, options: OpenTargetOptions = {}): SshTargetOptions {
  const home = homedir();
  const localUser = userInfo().username;
  const configText = readOptional(options.sshConfigFile ?? join(home, ".ssh", "config"));
  const config = resolveSshConfig(configText, address.host, { home, localUser });
  const fromConfig = config.identityFiles.map((path) => ({ path, required: false }));
  const defaults = ["id_ed25519", "id_ecdsa", "id_rsa"].map((f) => ({
    path: join(home, ".ssh", f),
    required: false,
  }));
  const explicit =
    options.identity !== undefined ? [{ path: expandHome(options.identity, home), required: true }] : [];
  const agentSocket = (options.env ?? process.env).SSH_AUTH_SOCK;
  const port = address.port ?? config.port ?? 22;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw badPort(address.host, port);
  return {
    host: config.hostName ?? address.host,
    port,
    user: address.user ?? config.user ?? localUser,
    identityFiles: [
      ...explicit,
      ...(fromConfig.length > 0 ? fromConfig : explicit.length > 0 ? [] : defaults),
    ],
    ...(agentSocket ? { agentSocket } : {}),
    knownHostsFile: expandHome(options.knownHosts ?? join(home, ".ssh", "known_hosts"), home),
    ...(options.retryBudgetMs !== undefined ? { retryBudgetMs: options.retryBudgetMs } : {}),
    ...(options.readyTimeoutMs !== undefined ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  };
}

function readOptional(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function expandHome(path: string, home: string): string {
  return path === "~" ? home : path.startsWith("~/") ? join(home, path.slice(2)) : path;
}

function badPort(host: string, port: number): StagingError {
  return new StagingError(`invalid SSH port for ${host}`, { code: "E_TARGET_URL", facts: { host, port } });
}
