import { randomBytes } from "node:crypto";
import { mkdirSync, unlinkSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { identityOf, TreeWatch, type WatchHost } from "./TreeWatch.js";

/** What the monitor says of a tree: a token to keep with a scan taken now, and whether nothing changed since `since`. */
export interface MonitorAnswer {
  /** Absent when the tree cannot be watched: then no scan of it is ever vouched for. */
  token?: string;
  unchanged: boolean;
}

interface WatchedTree {
  watch: TreeWatch;
  /** The sequence number at which the watch was complete: older tokens know nothing of it. */
  watchedFrom: number;
  lastChange: number;
}

export interface FsMonitorServerOptions {
  /** A private folder for sync cookies, outside every watched tree. */
  cookieDir: string;
  /**
   * Events in one uninterrupted burst beyond which some may have been dropped: the kernel drops
   * events once its queue (fs.inotify.max_queued_events) is full, and Node does not report it.
   */
  burstLimit: number;
  /** How long a sync cookie may take to come back before the answer is "unknown". @default 2000 */
  syncTimeoutMs?: number;
  /** Retired watches kept counting before the monitor starts over to close them. @default 5000 */
  retiredLimit?: number;
}

/**
 * The state of a file-system monitor: which trees it watches, and a sequence number that every
 * event moves on. A tree is unchanged since a token when its watch was complete at that token
 * and no event touched it after. Before answering, a cookie file is written and its own event
 * awaited: inotify keeps one queue in order, so every change made before the question was asked
 * has been counted by then.
 */
export class FsMonitorServer {
  private epoch = newEpoch();
  private seq = 0;
  private readonly trees = new Map<string, WatchedTree>();
  private readonly cookies = new Map<string, () => void>();
  private cookieSeq = 0;
  private readonly cookiePrefix = newEpoch();
  private cookieWatcher: FSWatcher | undefined;
  private burst = 0;
  private lastEventEnd = 0;
  /**
   * Watches no tree needs any more. Node drops the events still queued for a closed watch, and an
   * event never seen is never counted, which could hide an overflow; so they stay open, counting,
   * and are closed only when the monitor starts over anyway (a new epoch).
   */
  private retired: FSWatcher[] = [];
  private broken = false;
  /** A start-over's closing of old watches, until a cookie written after it has come back. */
  private settling: Promise<void> = Promise.resolve();
  private unsettled = false;

  constructor(private readonly options: FsMonitorServerOptions) {}

  start(): void {
    mkdirSync(this.options.cookieDir, { recursive: true, mode: 0o700 });
    this.cookieWatcher = watch(this.options.cookieDir, { persistent: false }, (_, name) => {
      this.counted(performance.now());
      const done = name === null ? undefined : this.cookies.get(String(name));
      if (!done) return;
      this.cookies.delete(String(name));
      done();
    });
  }

  close(): void {
    this.broken = true;
    this.cookieWatcher?.close();
    this.closeAll();
  }

  status(): { epoch: string; seq: number; trees: string[] } {
    return { epoch: this.epoch, seq: this.seq, trees: [...this.trees.keys()].sort() };
  }

  async check(root: string, since: string | undefined): Promise<MonitorAnswer> {
    if (this.broken) return { unchanged: false };
    // Answered only from an epoch that began before this question's cookie was written and has
    // settled: a start-over (while the cookie was out, or set off by dropping this very tree) means
    // waiting for its closing to settle, and syncing again.
    for (;;) {
      const epoch = this.epoch;
      try {
        await this.settling;
        await this.sync();
      } catch (error) {
        // Its watches can no longer be trusted: nothing more is vouched for, whoever asks.
        this.close();
        throw error;
      }
      if (epoch !== this.epoch || this.unsettled) continue;
      const answer = this.answer(root, since);
      if (answer && epoch === this.epoch) return answer;
    }
  }

  /** Undefined when a start-over began meanwhile: the question is asked again once it settled. */
  private answer(root: string, since: string | undefined): MonitorAnswer | undefined {
    let tree = this.trees.get(root);
    if (tree && (tree.watch.failed || identityOf(root) !== tree.watch.identity)) {
      tree.watch.close();
      this.trees.delete(root);
      tree = undefined;
    }
    if (this.unsettled) return undefined;
    if (!tree) return this.startWatching(root);
    const [epoch, seq] = parseToken(since);
    const unchanged = epoch === this.epoch && seq >= tree.watchedFrom && tree.lastChange <= seq;
    return { unchanged, token: this.token() };
  }

  private startWatching(root: string): MonitorAnswer | undefined {
    const tree: WatchedTree = { watch: undefined as unknown as TreeWatch, watchedFrom: 0, lastChange: 0 };
    const host: WatchHost = {
      event: (startedAt) => {
        tree.lastChange = ++this.seq;
        this.counted(startedAt);
      },
      retire: (watcher) => this.retire(watcher),
    };
    tree.watch = new TreeWatch(root, host);
    if (this.unsettled) {
      // Started over while walking: these watches were made before the old ones were closed.
      tree.watch.close();
      return undefined;
    }
    if (tree.watch.failed) {
      tree.watch.close();
      return { unchanged: false };
    }
    tree.watchedFrom = tree.lastChange = ++this.seq;
    this.trees.set(root, tree);
    return { unchanged: false, token: this.token() };
  }

  /** A retired watch only counts its events from now on, for the overflow check. */
  private retire(watcher: FSWatcher): void {
    watcher.removeAllListeners("change");
    watcher.removeAllListeners("error");
    watcher.on("change", () => this.counted(performance.now()));
    watcher.on("error", () => {});
    this.retired.push(watcher);
    if (this.retired.length > (this.options.retiredLimit ?? 5000)) this.startOver();
  }

  /**
   * Forgets everything, at once: a new epoch, so no token taken before is vouched for again, and
   * no tree known any more. Closing the old watches comes after the event being handled (a tree
   * may be in the middle of a walk), and closing them is not quiet: each closed watch queues an
   * event that Node drops unseen, enough to overflow the kernel's queue and lose others. So no
   * tree is watched anew until a cookie written after the closing has come back: the trees are
   * walked afresh after any event that could have been lost, and scanned after their new tokens.
   */
  private startOver(): void {
    this.burst = 0;
    const epoch = (this.epoch = newEpoch());
    this.unsettled = true;
    const watches = [...this.trees.values()].map((tree) => tree.watch);
    this.trees.clear();
    const retired = this.retired.splice(0);
    this.settling = (async () => {
      await Promise.resolve();
      for (const watch of watches) watch.closeNow();
      for (const watcher of retired) watcher.close();
      await this.sync();
      // Settled, unless another start-over began meanwhile (its own settling says so then).
      if (this.epoch === epoch) this.unsettled = false;
    })();
    // Awaited by the next question; a rejection there stops the daemon.
    this.settling.catch(() => {});
  }

  private closeAll(): void {
    for (const tree of this.trees.values()) tree.watch.closeNow();
    this.trees.clear();
    for (const watcher of this.retired.splice(0)) watcher.close();
  }

  /** Resolves once every event queued before this call has been handled. */
  private sync(): Promise<void> {
    // Named after this daemon run: a second daemon on the same folder never takes these for its own.
    const name = `cookie-${this.cookiePrefix}-${++this.cookieSeq}`;
    const path = join(this.options.cookieDir, name);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.cookies.delete(name);
        reject(new Error("the sync cookie did not come back"));
      }, this.options.syncTimeoutMs ?? 2000);
      this.cookies.set(name, () => {
        clearTimeout(timer);
        resolve();
      });
      writeFileSync(path, "");
    }).finally(() => {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    });
  }

  /**
   * Counts an event into the current burst: events with less than a second between the end of one
   * and the start of the next. A full kernel queue is drained as such a burst even by a daemon
   * that gets the CPU only in slices; a burst of half the queue's size may have lost events, so
   * the monitor forgets everything it knew (a new epoch). A storm of writes does the same: safe.
   */
  private counted(startedAt: number): void {
    if (startedAt - this.lastEventEnd > BURST_GAP_MS) this.burst = 0;
    this.lastEventEnd = performance.now();
    if (++this.burst <= this.options.burstLimit) return;
    this.startOver();
  }

  /** How many watches are retired but still open (for tests). */
  retiredCount(): number {
    return this.retired.length;
  }

  private token(): string {
    return `${this.epoch}:${this.seq}`;
  }
}

const BURST_GAP_MS = 1000;

function parseToken(token: string | undefined): [string, number] {
  const at = token?.lastIndexOf(":") ?? -1;
  if (!token || at < 0) return ["", -1];
  const seq = Number(token.slice(at + 1));
  return Number.isSafeInteger(seq) ? [token.slice(0, at), seq] : ["", -1];
}

function newEpoch(): string {
  return `${process.pid}-${randomBytes(8).toString("hex")}`;
}
