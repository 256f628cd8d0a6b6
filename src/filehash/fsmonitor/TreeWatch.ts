import { watch, lstatSync, readdirSync, type FSWatcher } from "node:fs";
import { basename, join } from "node:path";

/** What a tree watch needs from its monitor. */
export interface WatchHost {
  /** An event was handled; `startedAt` is when its handling began. */
  event(startedAt: number): void;
  /**
   * Takes a watch the tree no longer needs. It is not closed at once: Node drops the events
   * still queued for a closed watch, and an event that is never seen is never counted, which
   * would hide a kernel queue overflow.
   */
  retire(watcher: FSWatcher): void;
}

/**
 * Watches every folder of one tree with its own inotify watch, and tells its host of anything
 * that happens in any of them. A folder that appears, or is made again under an old name, is
 * watched afresh before the handler returns, so no change inside it can be missed by a token
 * taken afterwards. Inode numbers are reused at once, so a watch is never trusted by number
 * alone: a `rename` event always means a new watch, and a folder is known by its inode *and*
 * birth time.
 *
 * Events name paths under the root's path, so they are only as good as that path: when a watched
 * folder no longer is what that path leads to (an ancestor renamed or a symlink in it repointed,
 * the root deleted or replaced), when a folder listed a moment ago cannot be found while watching
 * it, or when a watch cannot be added (the kernel's limit), the tree is failed, and a failed tree
 * is never vouched for.
 */
export class TreeWatch {
  readonly identity: string;
  failed = false;
  private readonly watchers = new Map<string, { watcher: FSWatcher; identity: string }>();

  constructor(
    readonly root: string,
    private readonly host: WatchHost,
  ) {
    this.identity = identityOf(root);
    // Only a real folder can be watched: a missing root, a file or a symlink is never vouched for.
    if (!this.identity.startsWith("dir:")) this.failed = true;
    else this.watchDir(root, true);
  }

  /** Hands every watch to the host for retirement: the tree is done with. */
  close(): void {
    for (const { watcher } of this.watchers.values()) this.host.retire(watcher);
    this.watchers.clear();
  }

  /** Closes every watch now: for a monitor that is starting over anyway. */
  closeNow(): void {
    for (const { watcher } of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** Watches `dir` and every folder below it; `fresh` replaces watches already there. */
  private watchDir(dir: string, fresh: boolean): void {
    const known = this.watchers.get(dir);
    if (known && !fresh) return;
    let entries;
    try {
      const identity = identityOf(dir);
      // Listed as a folder a moment ago: if it is not one now, its path may lead elsewhere.
      if (!identity.startsWith("dir:")) throw new Error(`${dir} is not the folder it was`);
      // Added before the old one is retired: on the same inode both share one kernel watch.
      const watcher = watch(dir, { persistent: false }, (kind, name) => this.changed(dir, kind, name));
      watcher.on("error", () => this.fail());
      this.watchers.set(dir, { watcher, identity });
      if (known) this.host.retire(known.watcher);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      this.fail();
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) this.watchDir(join(dir, entry.name), fresh);
  }

  private changed(dir: string, kind: string, name: string | Buffer | null): void {
    const startedAt = performance.now();
    // Checked before and after: in between, the event's path must have led where the watch is.
    if (!this.leadsTo(dir)) this.failed = true;
    else if (name === null) this.rescan(dir);
    else {
      const path = join(dir, String(name));
      const identity = identityOf(path);
      if (identity.startsWith("dir:")) this.watchDir(path, kind === "rename");
      else if (this.watchers.has(path)) this.unwatchBelow(path);
      if (!this.leadsTo(dir)) this.failed = true;
      // The root's own deletion is named after the root: where birth times are missing, a root made
      // again at once (with the same inode) is told only by this.
      if (dir === this.root && identity === "absent" && String(name) === basename(dir)) this.failed = true;
    }
    this.host.event(startedAt);
  }

  /** Whether `dir` still names the folder its watch was put on. */
  private leadsTo(dir: string): boolean {
    const known = this.watchers.get(dir);
    return known !== undefined && identityOf(dir) === known.identity;
  }

  /** An event without a name: every sub-folder of `dir` is watched afresh. */
  private rescan(dir: string): void {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      this.failed = true;
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) this.watchDir(join(dir, entry.name), true);
  }

  private unwatchBelow(path: string): void {
    for (const [dir, { watcher }] of this.watchers) {
      if (dir === path || dir.startsWith(path + "/")) {
        this.host.retire(watcher);
        this.watchers.delete(dir);
      }
    }
  }

  private fail(): void {
    this.failed = true;
    this.host.event(performance.now());
  }
}

/**
 * What a path is: a folder by device, inode and birth time (an inode number is reused at once,
 * a birth time is not), or what else is there.
 */
export function identityOf(path: string): string {
  try {
    const st = lstatSync(path);
    return st.isDirectory() ? `dir:${st.dev}:${st.ino}:${st.birthtimeMs}` : "not-a-folder";
  } catch {
    return "absent";
  }
}
