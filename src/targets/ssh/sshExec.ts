import { constants } from "node:os";
import type { Readable } from "node:stream";
import type { OutputSink } from "../OutputSink.js";
import { PidMarkerFilter } from "./PidMarkerFilter.js";
import { killGroupArgv } from "../remoteCommand.js";
import { shellJoin } from "../shellQuote.js";
import type { SshSession } from "./sshConnect.js";

export interface SshExecRequest {
  /** Built by `remoteCommand`, so the remote shell reports the pid first. */
  command: string;
  stdin?: string | Readable;
  timeoutMs: number;
  signal?: AbortSignal;
  sink: OutputSink;
  /** Seconds between TERM and KILL of the remote process group. */
  killGraceSeconds: number;
}

export type SshExecOutcome =
  | { kind: "exit"; exitCode: number }
  | { kind: "dropped"; reason?: unknown }
  | { kind: "timeout" }
  | { kind: "aborted" };

type Ended =
  { kind: "exit"; code: number | null; signal: string | null } | { kind: "closed"; reason?: unknown };

/**
 * Runs one command string on an open session. The outcome says how it ended: an exit code, a
 * connection that went away under it (never mistaken for the command's failure), a timeout or an
 * abort (both kill the remote process group, by the pid the command reported, before returning).
 */
export async function sshExec(session: SshSession, req: SshExecRequest): Promise<SshExecOutcome> {
  const watch = new Watchdog(session, req);
  try {
    const exec = session.ssh.execCommand(req.command, {
      noTrim: true,
      ...(req.stdin !== undefined ? { stdin: req.stdin } : {}),
      onChannel: (channel) => (watch.channel = channel as unknown as { close(): void }),
      onStdout: (chunk) => req.sink.write("stdout", chunk),
      onStderr: (chunk) => {
        req.sink.write("stderr", watch.filter.push(chunk));
        watch.killOnce();
      },
    });
    const ended: Ended = await Promise.race([
      exec.then((r): Ended => ({ kind: "exit", code: r.code, signal: r.signal })),
      session.whenClosed.then((c): Ended => ({ kind: "closed", reason: c.reason })),
    ]).catch((error: unknown): Ended => {
      if (session.closed) return { kind: "closed", reason: error };
      throw error;
    });
    if (watch.stopped) return { kind: watch.stopped };
    if (ended.kind === "closed") return { kind: "dropped", reason: ended.reason };
    if (ended.code === null && ended.signal === null)
      return { kind: "dropped", reason: session.closed?.reason };
    return { kind: "exit", exitCode: ended.code ?? signalExitCode(ended.signal) };
  } finally {
    watch.dispose();
    req.sink.write("stderr", watch.filter.flush());
  }
}

/** The timeout and abort of one remote command: kill its process group, then close the channel. */
class Watchdog {
  readonly filter = new PidMarkerFilter();
  channel: { close(): void } | undefined;
  stopped: "timeout" | "aborted" | undefined;
  private killed = false;
  private readonly timer: NodeJS.Timeout;
  private forceClose: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.stop("aborted");

  constructor(
    private readonly session: SshSession,
    private readonly req: SshExecRequest,
  ) {
    this.timer = setTimeout(() => this.stop("timeout"), req.timeoutMs);
    req.signal?.addEventListener("abort", this.onAbort, { once: true });
    if (req.signal?.aborted) this.stop("aborted");
  }

  stop(why: "timeout" | "aborted"): void {
    if (this.stopped) return;
    this.stopped = why;
    this.killOnce();
    this.forceClose = setTimeout(() => this.channel?.close(), (this.req.killGraceSeconds + 5) * 1000);
  }

  /** Kills once both are known: that it must stop, and the remote pid (it may arrive after the timeout). */
  killOnce(): void {
    if (!this.stopped || this.killed || this.filter.pid === undefined) return;
    this.killed = true;
    void killRemote(this.session, this.filter.pid, this.req.killGraceSeconds);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.forceClose);
    this.req.signal?.removeEventListener("abort", this.onAbort);
  }
}

/** A shell's exit code for a death by signal: 128 + the signal number. */
export function signalExitCode(signal: string | null): number {
  if (signal === null) return 255;
  const name = (signal.startsWith("SIG") ? signal : `SIG${signal}`) as keyof typeof constants.signals;
  const number = constants.signals[name];
  return typeof number === "number" ? 128 + number : 255;
}

async function killRemote(session: SshSession, pid: number, graceSeconds: number): Promise<void> {
  if (session.closed) return;
  try {
    await session.killChannels.run(() =>
      session.ssh.execCommand(shellJoin(killGroupArgv(pid, graceSeconds))),
    );
  } catch {
    // The connection went away: nothing left to kill from here.
  }
}
