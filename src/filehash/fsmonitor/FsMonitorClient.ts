import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import type { MonitorAnswer } from "./FsMonitorServer.js";
import type { MonitorPaths } from "./monitorPaths.js";

/** Says whether a tree changed since a token; undefined when nobody can tell. */
export interface TreeMonitor {
  check(root: string, since: string | undefined): Promise<MonitorAnswer | undefined>;
}

export interface FsMonitorClientOptions {
  paths: MonitorPaths;
  stagingDir: string;
  /** How to start the daemon. @default this Node running the compiled `fsmonitorDaemon.js` beside this file */
  daemonCommand?: string[];
  /** How long an answer may take before the tree is scanned instead. @default 2000 */
  timeoutMs?: number;
}

/**
 * The client side of the monitor daemon. When no daemon answers, it starts one for the next run
 * and says "unknown" for this one: nothing waits for a daemon, and any failure means a full scan.
 */
export class FsMonitorClient implements TreeMonitor {
  private socket: Promise<Socket | undefined> | undefined;
  private readonly waiting = new Map<number, (reply: Record<string, unknown> | undefined) => void>();
  private nextId = 0;
  private buffered = "";

  constructor(private readonly options: FsMonitorClientOptions) {}

  async check(root: string, since: string | undefined): Promise<MonitorAnswer | undefined> {
    const reply = await this.request({ op: "check", root, since: since ?? null }, true);
    if (typeof reply?.unchanged !== "boolean") return undefined;
    return { unchanged: reply.unchanged, ...(typeof reply.token === "string" ? { token: reply.token } : {}) };
  }

  /** The daemon's pid, epoch and watched trees; undefined when none is running. Starts none. */
  async status(): Promise<{ pid: number; epoch: string; trees: string[] } | undefined> {
    const reply = await this.request({ op: "status" }, false);
    return typeof reply?.pid === "number"
      ? (reply as { pid: number; epoch: string; trees: string[] })
      : undefined;
  }

  /** Asks a running daemon to exit; false when none was running. */
  async stop(): Promise<boolean> {
    return (await this.request({ op: "stop" }, false))?.stopping === true;
  }

  private async request(
    message: Record<string, unknown>,
    startDaemon: boolean,
  ): Promise<Record<string, unknown> | undefined> {
    const socket = await (this.socket ??= this.open(startDaemon));
    if (!socket) return undefined;
    const id = this.nextId++;
    // The socket keeps the process alive only while an answer is awaited.
    socket.ref();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A daemon this slow is not asked again by this process: every later tree is scanned at once.
        this.socket = Promise.resolve(undefined);
        socket.destroy();
        this.settle(id, undefined);
      }, this.options.timeoutMs ?? 2000);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (this.waiting.size === 0) socket.unref();
        resolve(reply);
      });
      socket.write(JSON.stringify({ id, ...message }) + "\n");
    });
  }

  close(): void {
    void this.socket?.then((s) => s?.destroy());
    for (const id of [...this.waiting.keys()]) this.settle(id, undefined);
  }

  private open(startDaemon: boolean): Promise<Socket | undefined> {
    return new Promise((resolve) => {
      const socket = connect(this.options.paths.socket);
      socket.unref();
      socket.setEncoding("utf8");
      socket.once("connect", () => resolve(socket));
      socket.on("error", (error: NodeJS.ErrnoException) => {
        if (startDaemon && (error.code === "ENOENT" || error.code === "ECONNREFUSED")) this.startDaemon();
        for (const id of [...this.waiting.keys()]) this.settle(id, undefined);
        resolve(undefined);
      });
      socket.on("close", () => {
        for (const id of [...this.waiting.keys()]) this.settle(id, undefined);
        this.socket = Promise.resolve(undefined);
      });
      socket.on("data", (chunk: string) => this.received(chunk));
    });
  }

  private received(chunk: string): void {
    this.buffered += chunk;
    for (let at = this.buffered.indexOf("\n"); at >= 0; at = this.buffered.indexOf("\n")) {
      const line = this.buffered.slice(0, at);
      this.buffered = this.buffered.slice(at + 1);
      try {
        const reply = JSON.parse(line) as Record<string, unknown>;
        if (typeof reply.id === "number") this.settle(reply.id, reply);
      } catch {
        // a line that is not an answer: its question times out into a scan
      }
    }
  }

  private settle(id: number, reply: Record<string, unknown> | undefined): void {
    const done = this.waiting.get(id);
    this.waiting.delete(id);
    done?.(reply);
  }

  private startDaemon(): void {
    const { paths, stagingDir } = this.options;
    const [command, ...args] = this.options.daemonCommand ?? [
      process.execPath,
      fileURLToPath(new URL("./fsmonitorDaemon.js", import.meta.url)),
    ];
    try {
      const child = spawn(command!, [...args, paths.socket, paths.cookieDir, stagingDir], {
        detached: true,
        stdio: "ignore",
        cwd: "/",
      });
      child.on("error", () => {});
      child.unref();
    } catch {
      // no daemon this time either: every tree is scanned
    }
  }
}
