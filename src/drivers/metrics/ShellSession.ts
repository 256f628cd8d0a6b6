import { PassThrough } from "node:stream";
import { ExitCode, StagingError } from "../../errors/StagingError.js";
import type { SshTarget } from "../../targets/ssh/SshTarget.js";

/** The line a session's script prints after each answer. */
export const ANSWER_END = "@@end";
/** How long one kept-open shell may run; the request after that opens another. @default 6 h */
const SHELL_MS = 6 * 60 * 60 * 1000;

/**
 * A POSIX sh kept open on an SSH target over one channel, so a read costs a round trip instead of
 * a new command (an SSH channel, a login shell: hundreds of ms on a busy machine). A request is
 * lines written to the script's stdin; its answer is what the script prints up to an `@@end` line.
 * Requests are answered one at a time, in order. A shell that ended (dropped connection, age,
 * answer count) is replaced on the next request; the request that saw it end fails.
 */
export class ShellSession {
  private shell: OpenShell | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param maxAnswers answers one shell gives before it is replaced: the target keeps a command's
   * whole output for its result, so a shell's life is bounded. @default 2000
   */
  constructor(
    private readonly target: SshTarget,
    private readonly script: string,
    private readonly maxAnswers = 2_000,
  ) {}

  request(lines: readonly string[]): Promise<string> {
    if (lines.some((line) => line.includes("\n")))
      throw new RangeError("ShellSession: a request line cannot hold a newline");
    const answer = this.queue.then(() => this.ask(lines));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.shell?.close();
    this.shell = undefined;
  }

  private async ask(lines: readonly string[]): Promise<string> {
    if (!this.shell || this.shell.ended || this.shell.answered >= this.maxAnswers) {
      await this.shell?.close();
      this.shell = new OpenShell(this.target, this.script);
    }
    return this.shell.ask(lines);
  }
}

class OpenShell {
  private readonly stdin = new PassThrough();
  private buffer = "";
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;
  ended: Error | undefined;
  answered = 0;

  constructor(target: SshTarget, script: string) {
    const onOutput = (chunk: string, stream: "stdout" | "stderr"): void => {
      if (stream === "stdout") this.buffer += chunk;
      this.wake?.();
    };
    this.done = target
      .exec(["sh", "-c", script], { stdin: this.stdin, timeoutMs: SHELL_MS, onOutput })
      .then(
        (result) =>
          void (this.ended = shellEnded(target.name, `exit code ${result.exitCode}`, result.stderr)),
        (error: unknown) => void (this.ended = error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => this.wake?.());
  }

  async ask(lines: readonly string[]): Promise<string> {
    this.stdin.write(lines.map((line) => `${line}\n`).join(""));
    for (;;) {
      const end = this.buffer.indexOf(`${ANSWER_END}\n`);
      if (end >= 0) {
        const answer = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + ANSWER_END.length + 1);
        this.answered += 1;
        return answer;
      }
      if (this.ended) throw this.ended;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async close(): Promise<void> {
    this.stdin.end();
    await this.done;
  }
}

function shellEnded(target: string, how: string, stderr: string): StagingError {
  return new StagingError(`the shell kept open for measurement reads on ${target} ended`, {
    code: "E_CPU_READ",
    exitCode: ExitCode.nodeFailed,
    facts: { target, ended: how, stderr: stderr.trim().split("\n").slice(-5).join("\n") || undefined },
  });
}
