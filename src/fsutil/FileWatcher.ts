import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { FSWatcher } from "chokidar";

/** Paths that changed since the last batch, reported once the file system has been quiet. */
export type ChangeBatch = string[];

/**
 * Watches exactly the given files and folders (never the store or campaign outputs, which are not
 * given), and reports changed paths in debounced batches. Whether a change matters is decided by
 * content hashes afterwards, not here: a touch arrives as a batch and changes no key.
 */
export class FileWatcher {
  private watcher: FSWatcher | undefined;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly paths: readonly string[],
    private readonly onBatch: (batch: ChangeBatch) => void,
    private readonly debounceMs = 250,
  ) {}

  async start(): Promise<void> {
    // Loaded here: every other command would pay for it at startup.
    const { watch } = await import("chokidar");
    // chokidar counts a path that does not exist twice towards "ready", which then comes before
    // the files of the other paths are watched: an edit right after it was lost (under load, about
    // one time in ten). So the paths that exist are watched first, and the others added once those
    // are ready (chokidar watches their folders for them to appear).
    const present = this.paths.filter((path) => existsSync(path));
    const absent = this.paths.filter((path) => !present.includes(path));
    const later = present.length > 0 ? absent : [];
    this.watcher = watch(present.length > 0 ? present : absent, { ignoreInitial: true, atomic: true });
    this.watcher.on("all", (_event, path) => this.note(path));
    await new Promise<void>((resolve, reject) => {
      this.watcher!.once("ready", resolve);
      this.watcher!.once("error", reject);
    });
    if (later.length > 0) {
      this.watcher.add(later);
      await this.folderWatched(later);
    }
  }

  /** Until chokidar watches the folders of `absent` paths that exist, for them to appear (at most 2 s). */
  private async folderWatched(absent: readonly string[]): Promise<void> {
    const folders = absent.map((path) => dirname(resolve(path))).filter((folder) => existsSync(folder));
    const end = Date.now() + 2000;
    while (Date.now() < end && !folders.every((folder) => folder in this.watcher!.getWatched()))
      await new Promise((r) => setTimeout(r, 5));
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
  }

  private note(path: string): void {
    this.pending.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const batch = [...this.pending].sort();
      this.pending.clear();
      this.onBatch(batch);
    }, this.debounceMs);
  }
}
