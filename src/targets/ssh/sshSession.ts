import type { NodeSSH } from "node-ssh";
import { ChannelLimiter } from "./ChannelLimiter.js";
import type { HostKeyInfo } from "./hostKey.js";

/** The part of ssh2's Client this code uses (its types are not installed). */
export interface SshClientLike {
  on(event: "close" | "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  setMaxListeners(count: number): unknown;
}

export interface SshSession {
  ssh: NodeSSH;
  client: SshClientLike;
  hostKey: HostKeyInfo;
  /** Set once the connection has ended, with the reason when one was given. */
  closed: { reason?: unknown } | undefined;
  /** Resolves when the connection ends. */
  whenClosed: Promise<{ reason?: unknown }>;
  /** Channels that kill timed-out commands: at most 2 at once, beside the commands' own. */
  killChannels: ChannelLimiter;
}

/** Wraps a connected NodeSSH: records when and why the connection ends, and keeps ssh2 errors from crashing the process. */
export function trackSession(ssh: NodeSSH, hostKey: HostKeyInfo): SshSession {
  const client = ssh.connection as unknown as SshClientLike;
  client.setMaxListeners(64); // node-ssh adds an error listener per channel being opened
  let resolveClosed: (value: { reason?: unknown }) => void = () => {};
  const whenClosed = new Promise<{ reason?: unknown }>((resolve) => (resolveClosed = resolve));
  const killChannels = new ChannelLimiter(2);
  const session: SshSession = { ssh, client, hostKey, closed: undefined, whenClosed, killChannels };
  const end = (reason?: unknown): void => {
    session.closed ??= reason === undefined ? {} : { reason };
    resolveClosed(session.closed);
  };
  client.on("error", (error) => end(error));
  client.on("close", () => end());
  client.on("end", () => end());
  return session;
}
