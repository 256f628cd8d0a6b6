import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";

export const CHROMIUM = "/usr/bin/chromium";

/** Flags of a headless Chromium that talks to nobody but us: no GPU, no sync, no updates, no QUIC. */
export function chromiumFlags(userDataDir: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${userDataDir}`,
    // The DevTools protocol over file descriptors 3 (to Chromium) and 4 (from Chromium), messages
    // separated by NUL: no port, no WebSocket client (Node 20 has none without a flag).
    "--remote-debugging-pipe",
  ];
}

/** A DevTools protocol event: method, params and, for a page, the session it came from. */
export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

interface Pending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  method: string;
}

/** A Chromium driven over `--remote-debugging-pipe`. */
export class CdpPipe {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer = "";
  private stderrTail = "";
  private readonly listeners = new Set<(event: CdpEvent) => void>();

  private constructor(private readonly child: ChildProcess) {
    const [, , stderr, toChromium, fromChromium] = child.stdio;
    if (toChromium === null || fromChromium === null || stderr === null) throw new Error("no pipes");
    (fromChromium as Readable).setEncoding("utf8").on("data", (chunk: string) => this.receive(chunk));
    stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    child.on("exit", (code, signal) => this.failAll(`chromium exited (${code ?? signal})`));
  }

  static launch(userDataDir: string): CdpPipe {
    const child = spawn(CHROMIUM, chromiumFlags(userDataDir), {
      stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
    });
    return new CdpPipe(child);
  }

  /** Sends a command (to a page when `sessionId` is given) and resolves with its result. */
  send(method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId === undefined ? {} : { sessionId }) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      (this.child.stdio[3] as Writable).write(`${message}\0`);
    });
  }

  /** Calls `listener` with every event from now on; returns the function that stops it. */
  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the next event `method` of the page `sessionId`. */
  waitFor(method: string, sessionId: string, timeoutMs: number): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const stop = this.onEvent((event) => {
        if (event.method !== method || event.sessionId !== sessionId) return;
        clearTimeout(timer);
        stop();
        resolve(event);
      });
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }

  /** Closes the browser; kills it if it has not exited 5 s later. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    await this.send("Browser.close").catch(() => undefined);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** The last lines Chromium wrote to stderr, for a failure message. */
  stderr(): string {
    return this.stderrTail;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf("\0");
    while (end >= 0) {
      this.dispatch(JSON.parse(this.buffer.slice(0, end)) as Record<string, unknown>);
      this.buffer = this.buffer.slice(end + 1);
      end = this.buffer.indexOf("\0");
    }
  }

  private dispatch(message: Record<string, unknown>): void {
    if (typeof message.id !== "number") {
      for (const listener of this.listeners) listener(message as unknown as CdpEvent);
      return;
    }
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    const error = message.error as { message?: string } | undefined;
    if (error !== undefined) pending.reject(new Error(`${pending.method}: ${error.message ?? "failed"}`));
    else pending.resolve((message.result ?? {}) as Record<string, unknown>);
  }

  private failAll(why: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(`${pending.method}: ${why}`));
    this.pending.clear();
  }
}
