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
    this.watcher = watch([...this.paths], { ignoreInitial: true, atomic: true });
    this.watcher.on("all", (_event, path) => this.note(path));
    await new Promise<void>((resolve, reject) => {
      this.watcher!.once("ready", resolve);
      this.watcher!.once("error", reject);
    });
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
