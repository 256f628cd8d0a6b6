import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileWatcher, type ChangeBatch } from "../../../src/fsutil/FileWatcher.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

/** A started watcher of `paths`, and a way to wait for its next batch. */
async function watching(paths: string[]) {
  const batches: ChangeBatch[] = [];
  const watcher = new FileWatcher(paths, (batch) => batches.push(batch), 50);
  await watcher.start();
  const next = async (count: number) => {
    const end = Date.now() + 10_000;
    while (batches.length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return batches[count - 1];
  };
  return { watcher, next };
}

describe("FileWatcher", () => {
  it("reports an edit made right after it started, when one of its paths does not exist yet", async () => {
    // chokidar said "ready" before it watched the files of the other paths: such an edit was lost.
    for (let round = 0; round < 5; round++) {
      const dir = useTmpDir({ "snapshot/main.txt": "v1\n" });
      const w = await watching([join(dir, "snapshot"), join(dir, "benchmark.yaml")]);
      try {
        writeFileSync(join(dir, "snapshot/main.txt"), "v2\n");
        expect(await w.next(1)).toEqual([join(dir, "snapshot/main.txt")]);
      } finally {
        await w.watcher.close();
      }
    }
  });

  it("reports a file that did not exist when it appears in its folder", async () => {
    const dir = useTmpDir({ "snapshot/main.txt": "v1\n", "bench/": null });
    const w = await watching([join(dir, "snapshot"), join(dir, "bench/benchmark.yaml")]);
    try {
      writeFileSync(join(dir, "bench/benchmark.yaml"), "runs: 3\n");
      expect(await w.next(1)).toEqual([join(dir, "bench/benchmark.yaml")]);
    } finally {
      await w.watcher.close();
    }
  });
});
