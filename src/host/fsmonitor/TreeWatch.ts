import { watch, lstatSync, readdirSync, type FSWatcher } from "node:fs";
import { basename, join } from "node:path";

/**
 * Watches every folder of one tree with its own inotify watch, and calls `onEvent` (with the time
 * its handling started) for anything that happens in any of them. A folder that appears, or is
 * made again under an old name, is watched afresh before the handler returns, so no change inside
 * it can be missed by a token taken afterwards. Inode numbers are reused at once, so a watch is
 * never trusted by number: a `rename` event always means a new watch. When the root itself goes
 * (or a watch cannot be added: the kernel's limit), the tree is failed and is never vouched for.
 */
export class TreeWatch {
  readonly identity: string;
  failed = false;
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    readonly root: string,
    private readonly onEvent: (startedAt: number) => void,
  ) {
    this.identity = identityOf(root);
    // Only a real folder can be watched: a missing root, a file or a symlink is never vouched for.
    if (!this.identity.startsWith("dir:")) this.failed = true;
    else this.watchDir(root, true);
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** Watches `dir` and every folder below it; `fresh` replaces watches already there. */
  private watchDir(dir: string, fresh: boolean): void {
    const known = this.watchers.get(dir);
    if (known && !fresh) return;
    let entries;
    try {
      if (!lstatSync(dir).isDirectory()) return;
      // Added before the old one is closed: on the same inode both share one kernel watch.
      const watcher = watch(dir, { persistent: false }, (kind, name) => this.changed(dir, kind, name));
      watcher.on("error", () => this.fail());
      this.watchers.set(dir, watcher);
      known?.close();
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.fail();
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) this.watchDir(join(dir, entry.name), fresh);
  }

  private changed(dir: string, kind: string, name: string | Buffer | null): void {
    const startedAt = performance.now();
    if (name === null) {
      this.rescan(dir);
    } else {
      const path = join(dir, String(name));
      let isDir = false;
      let exists = true;
      try {
        isDir = lstatSync(path).isDirectory();
      } catch {
        exists = false;
      }
      // Events about the watched folder itself carry its own name: the root moved or deleted.
      if (!exists && dir === this.root && String(name) === basename(dir)) this.failed = true;
      if (isDir) this.watchDir(path, kind === "rename");
      else this.unwatchBelow(path);
    }
    this.onEvent(startedAt);
  }

  /** An event without a name: every sub-folder of `dir` is watched afresh. */
  private rescan(dir: string): void {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      if (dir === this.root) this.failed = true;
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) this.watchDir(join(dir, entry.name), true);
  }

  private unwatchBelow(path: string): void {
    for (const [dir, watcher] of this.watchers) {
      if (dir === path || dir.startsWith(path + "/")) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
  }

  private fail(): void {
    this.failed = true;
    this.onEvent(performance.now());
  }
}

/** Device and inode of a folder, or what else is there: a root replaced since is a new tree. */
export function identityOf(root: string): string {
  try {
    const st = lstatSync(root);
    return st.isDirectory() ? `dir:${st.dev}:${st.ino}` : "not-a-folder";
  } catch {
    return "absent";
  }
}
