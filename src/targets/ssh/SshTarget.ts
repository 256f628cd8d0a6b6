import { openPortForward, type PortForward } from "./sshTunnel.js";
import { ExitCode, StagingError } from "../../errors/StagingError.js";
import { OutputSink } from "../OutputSink.js";
import { sshTargetName } from "../parseTargetUrl.js";
import { locateRemoteTools } from "../locateTools.js";
import { IdentityCache } from "../IdentityCache.js";
import { probeTools, type ToolName } from "../probeTools.js";
import { ToolVersionCache } from "../ToolVersionCache.js";
import { remoteCommand } from "../remoteCommand.js";
import { ChannelLimiter } from "./ChannelLimiter.js";
import { connectSsh, type SshConnectOptions, type SshSession } from "./sshConnect.js";
import { channelError } from "./sshErrors.js";
import { sshExec, type SshExecOutcome, type SshExecRequest } from "./sshExec.js";
import { uploadTreeViaTar } from "../uploadTreeViaTar.js";
import type { CommandResult, RunOptions, Target, TargetIdentity } from "../Target.js";
import { abortedError, describeCommand, droppedError, fileError, timeoutError } from "../targetErrors.js";
import { validateCommand } from "../validateCommand.js";

export interface SshTargetOptions extends Omit<SshConnectOptions, "target"> {
  /** Seconds between TERM and KILL when a command times out or is aborted. @default 5 */
  killGraceSeconds?: number;
  /** Commands running at once over the connection (sshd's MaxSessions is 10 by default). @default 8 */
  maxChannels?: number;
}

/** `run` options (uploads pipe a tar stream through stdin). */
export type ExecOptions = RunOptions;

/** A program missing on the remote side: `exec` of the POSIX shell reports it with status 127. */
const NOT_FOUND = /exec: .*: not found|command not found/;

/**
 * A machine reached over SSH (node-ssh on ssh2). It connects lazily, verifies the host key against
 * known_hosts, and reconnects after a dropped connection on the next command.
 */
export class SshTarget implements Target {
  readonly name: string;
  readonly kind = "ssh" as const;
  private open: SshSession | undefined;
  private connecting: Promise<SshSession> | undefined;
  private homeCache: Promise<string> | undefined;
  private readonly identities = new IdentityCache();
  private readonly channels: ChannelLimiter;

  constructor(private readonly options: SshTargetOptions) {
    this.name = sshTargetName(options.user, options.host, options.port);
    this.channels = new ChannelLimiter(options.maxChannels ?? 8);
  }

  run(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    return this.exec(argv, options);
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<CommandResult> {
    const invalid = validateCommand(this.name, argv, options.env);
    if (invalid) throw invalid;
    const session = await this.session();
    const sink = new OutputSink(options);
    sink.note(
      `$ ${describeCommand(argv)}${options.cwd !== undefined ? ` (in ${options.cwd})` : ""} on ${this.name}`,
    );
    const timeoutMs = options.timeoutMs ?? 600_000;
    let outcome: SshExecOutcome;
    let output: { stdout: string; stderr: string };
    const request = {
      command: remoteCommand(argv, options),
      ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
      timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      sink,
      killGraceSeconds: this.options.killGraceSeconds ?? 5,
    };
    try {
      outcome = await this.channels.run(() => execWithChannelRetry(session, request));
    } catch (error) {
      throw channelError(this.name, argv, error);
    } finally {
      output = sink.finish();
    }
    return this.settle(argv, outcome, output, timeoutMs, session);
  }

  private settle(
    argv: readonly string[],
    outcome: SshExecOutcome,
    output: { stdout: string; stderr: string },
    timeoutMs: number,
    session: SshSession,
  ): CommandResult {
    if (outcome.kind === "dropped") {
      this.forget(session);
      throw droppedError(this.name, argv, outcome.reason);
    }
    if (outcome.kind === "timeout") throw timeoutError(this.name, argv, timeoutMs);
    if (outcome.kind === "aborted") throw abortedError(this.name, argv);
    if (outcome.exitCode === 127 && NOT_FOUND.test(output.stderr)) {
      throw new StagingError(`program not found on ${this.name}: ${argv[0]}`, {
        code: "E_TARGET_NOT_FOUND",
        exitCode: ExitCode.nodeFailed,
        facts: { target: this.name, command: describeCommand(argv), stderr: output.stderr.trim() },
        hint: `install ${argv[0]} on the machine or put it on the PATH of non-interactive SSH sessions`,
      });
    }
    return { exitCode: outcome.exitCode, ...output };
  }

  uploadTree(localDir: string, remoteDir: string): Promise<void> {
    return uploadTreeViaTar(this, localDir, remoteDir);
  }

  async readFile(path: string): Promise<string> {
    const result = await this.run(["cat", "--", path], { timeoutMs: 120_000 });
    if (result.exitCode !== 0) throw fileError(this.name, "read", path, result.stderr);
    return result.stdout;
  }

  /** Writes beside the file, then renames over it (parent folders are made). */
  async writeFile(path: string, content: string): Promise<void> {
    const script =
      'mkdir -p -- "$(dirname -- "$1")" && cat > "$1.staging-tmp.$$" && mv -f -- "$1.staging-tmp.$$" "$1"';
    const result = await this.run(["sh", "-c", script, "sh", path], { stdin: content, timeoutMs: 120_000 });
    if (result.exitCode !== 0) throw fileError(this.name, "write", path, result.stderr);
  }

  /**
   * Host key fingerprint, `uname -s -m` and tool versions; probed once per target object, and a
   * tool whose binary is unchanged since it was last asked is not run again.
   */
  identity(tools?: readonly ToolName[]): Promise<TargetIdentity> {
    return this.identities.get(tools, () => this.probeIdentity(tools));
  }

  private async probeIdentity(names: readonly ToolName[] | undefined): Promise<TargetIdentity> {
    const session = await this.session();
    const options = {
      locate: (names: readonly string[]) => locateRemoteTools(this, names),
      cache: ToolVersionCache.forMachine(`ssh:${session.hostKey.fingerprint}`),
      ...(names ? { names } : {}),
    };
    const [uname, tools] = await Promise.all([
      this.run(["uname", "-s", "-m"], { timeoutMs: 30_000 }),
      probeTools(this, options),
    ]);
    const [os = "unknown", arch = "unknown"] = uname.stdout.trim().split(/\s+/);
    return { kind: "ssh", id: session.hostKey.fingerprint, os, arch, tools };
  }

  home(): Promise<string> {
    this.homeCache ??= this.run(["sh", "-c", 'printf "%s" "$HOME"'], { timeoutMs: 30_000 }).then((r) => {
      if (r.exitCode !== 0 || !r.stdout.startsWith("/"))
        throw fileError(this.name, "find the home directory", "$HOME", r.stderr);
      return r.stdout;
    });
    this.homeCache.catch(() => (this.homeCache = undefined));
    return this.homeCache;
  }

  close(): Promise<void> {
    if (this.open) this.forget(this.open);
    return Promise.resolve();
  }

  /** A local port forwarded over this connection to `port` on the target's loopback. */
  async forwardPort(port: number): Promise<PortForward> {
    return openPortForward((await this.session()).ssh, port);
  }

  /** The open session, or a new one (with retries) when there is none or it ended. */
  private async session(): Promise<SshSession> {
    if (this.open && !this.open.closed) return this.open;
    if (this.open) this.forget(this.open);
    this.connecting ??= connectSsh({ ...this.options, target: this.name })
      .then((session) => (this.open = session))
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private forget(session: SshSession): void {
    if (this.open === session) this.open = undefined;
    session.ssh.dispose();
  }
}

/**
 * sshd frees a session slot a moment after the channel closed; a refused channel open means the
 * command never started, so it is tried again (3 times, 200 ms apart) before it counts as an error.
 */
async function execWithChannelRetry(session: SshSession, request: SshExecRequest): Promise<SshExecOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sshExec(session, request);
    } catch (error) {
      const refused = error instanceof Error && /Channel open failure/i.test(error.message);
      if (!refused || attempt >= 3 || session.closed) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
