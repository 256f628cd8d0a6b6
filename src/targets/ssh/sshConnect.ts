import { readFileSync } from "node:fs";
import type { NodeSSH as NodeSSHType } from "node-ssh";
import { StagingError } from "../../errors/StagingError.js";
import { algorithmsForKeyType, describeHostKey, knownHostsName, type HostKeyInfo } from "./hostKey.js";
import { hostKeyError } from "./hostKeyError.js";
import { knownKeyTypes, parseKnownHosts, verifyHostKey, type KnownHostEntry } from "./knownHosts.js";
import { RetriesExhausted, retryWithBackoff } from "../retryWithBackoff.js";
import { reasonOf } from "../targetErrors.js";
import { authError, connectError, exhaustedError, identityError } from "./sshErrors.js";
import { trackSession, type SshSession } from "./sshSession.js";

export type { SshSession } from "./sshSession.js";

export interface SshConnectOptions {
  /** The target's name for messages (`ssh://user@host:port`). */
  target: string;
  host: string;
  port: number;
  user: string;
  /** Private key files, tried in order; an explicit `--identity` must exist, the others may not. */
  identityFiles: readonly { path: string; required: boolean }[];
  /** ssh-agent socket (SSH_AUTH_SOCK), tried after the key files. */
  agentSocket?: string;
  knownHostsFile: string;
  /** Per attempt, until the server has answered and authenticated. @default 10000 */
  readyTimeoutMs?: number;
  /** Total time spent retrying refused or timed-out connections. @default 30000 */
  retryBudgetMs?: number;
  log?: (line: string) => void;
}

/** Connects with host key verification against known_hosts, retrying transient failures with backoff. */
export async function connectSsh(options: SshConnectOptions): Promise<SshSession> {
  const entries = readKnownHosts(options.knownHostsFile);
  const auth = authMethods(options);
  try {
    return await retryWithBackoff(() => attempt(options, entries, auth), {
      budgetMs: options.retryBudgetMs ?? 30_000,
      isRetryable: (error) => !(error instanceof StagingError),
      onRetry: ({ attempt: n, delayMs, error }) =>
        options.log?.(
          `ssh: connecting to ${options.target} failed (${reasonOf(error)}); retry ${n} in ${delayMs} ms`,
        ),
    });
  } catch (error) {
    if (!(error instanceof RetriesExhausted)) throw error;
    throw exhaustedError(options, error);
  }
}

async function attempt(
  options: SshConnectOptions,
  entries: KnownHostEntry[],
  auth: object[],
): Promise<SshSession> {
  const name = knownHostsName(options.host, options.port);
  let refused: StagingError | undefined;
  let presented: HostKeyInfo | undefined;
  const hostVerifier = (blob: Buffer): boolean => {
    presented = describeHostKey(blob);
    const verdict = verifyHostKey(entries, name, presented);
    if (verdict.status === "trusted") return true;
    refused = hostKeyError(verdict, { ...options, key: presented });
    return false;
  };
  const preferred = knownKeyTypes(entries, name).flatMap(algorithmsForKeyType);
  // Imported on first use: ssh2 takes ~50 ms to load, and a local target never needs it.
  const { NodeSSH } = await import("node-ssh");
  const ssh: NodeSSHType = new NodeSSH();
  try {
    await ssh.connect({
      host: options.host,
      port: options.port,
      username: options.user,
      authHandler: auth,
      hostVerifier,
      readyTimeout: options.readyTimeoutMs ?? 10_000,
      keepaliveInterval: 15_000,
      keepaliveCountMax: 4,
      ...(preferred.length > 0
        ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred } } }
        : {}),
    });
  } catch (error) {
    ssh.dispose();
    if (refused) throw refused;
    if (isAuthFailure(error)) throw authError(options);
    if (isPermanent(error)) throw connectError(options, error);
    throw error;
  }
  return trackSession(ssh, presented as HostKeyInfo);
}

function readKnownHosts(file: string): KnownHostEntry[] {
  try {
    return parseKnownHosts(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** ssh2 auth attempts: each readable key file, then the agent. Key contents never leave this list. */
function authMethods(options: SshConnectOptions): object[] {
  const methods: object[] = [];
  for (const { path, required } of options.identityFiles) {
    try {
      methods.push({ type: "publickey", username: options.user, key: readFileSync(path) });
    } catch (error) {
      if (required) throw identityError(options, path, error);
    }
  }
  if (options.agentSocket)
    methods.push({ type: "agent", username: options.user, agent: options.agentSocket });
  if (methods.length === 0) throw authError(options);
  return methods;
}

function isAuthFailure(error: unknown): boolean {
  return (error as { level?: unknown } | null)?.level === "client-authentication";
}

function isPermanent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOTFOUND" || code === "EACCES" || code === "ERR_INVALID_ARG_VALUE";
}
