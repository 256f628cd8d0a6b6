import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { HashRequest } from "./hashWorker.js";

type Reply = { id: number; result: unknown } | { id: number; error: { message: string; code?: string } };

interface Pending {
  request: HashRequest;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export interface HashWorkerPoolOptions {
  /** @default availableParallelism(), at most 4 */
  size?: number;
  /** @default the compiled `hashWorker.js` beside this file */
  workerUrl?: URL;
  execArgv?: string[];
}

/**
 * Threads that list and read parts of large trees, so that a scan stats and reads on every core:
 * the system calls, not JavaScript, are most of its time. Requests are answered in any order;
 * workers start on first use and never keep the process alive.
 */
export class HashWorkerPool {
  private readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, { id: number; pending: Pending }>();
  private readonly queue: Pending[] = [];
  private started = 0;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: HashWorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(availableParallelism(), 4));
  }

  /** The number of threads it runs at most. */
  get threads(): number {
    return this.size;
  }

  run<Result>(request: HashRequest): Promise<Result> {
    if (this.closed) return Promise.reject(new Error("hash worker pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; queued jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error("hash worker pool is closed"));
    await Promise.all([...this.idle.splice(0), ...this.busy.keys()].map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const pending = this.queue.shift()!;
      const id = this.nextId++;
      this.busy.set(worker, { id, pending });
      worker.ref();
      const { request } = pending;
      worker.postMessage({ id, request }, request.kind === "read" && request.stream ? [request.stream] : []);
    }
  }

  private spawn(): Worker {
    this.started++;
    const url = this.options.workerUrl ?? new URL("./hashWorker.js", import.meta.url);
    const worker = new Worker(url, { execArgv: this.options.execArgv ?? [] });
    worker.on("message", (reply: Reply) => {
      const current = this.busy.get(worker);
      if (!current || current.id !== reply.id) return;
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if ("error" in reply) {
        current.pending.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      } else {
        current.pending.resolve(reply.result);
      }
      this.dispatch();
    });
    worker.on("error", (error) => this.lost(worker, error));
    worker.on("exit", (code) => this.lost(worker, new Error(`hash worker exited with code ${code}`)));
    return worker;
  }

  /** A worker that died fails its job; the pool starts another one for the rest of the queue. */
  private lost(worker: Worker, error: Error): void {
    const current = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (!current && at < 0) return;
    this.started--;
    current?.pending.reject(error);
    if (!this.closed) this.dispatch();
  }
}
