import { createHash } from "node:crypto";
import { hashedTree, type FileHasher, type HashedTree } from "../../src/engine/FileHasher.js";
import type { FileInput } from "../../src/engine/TaskNode.js";

/** Files in memory, keyed by `root/rel`: a file input's hash reads the files under its root. */
export class MemoryHasher implements FileHasher {
  readonly files = new Map<string, string>();
  reads = 0;

  write(path: string, content: string): void {
    this.files.set(path, content);
  }

  async hash(input: FileInput): Promise<HashedTree> {
    this.reads++;
    const prefix = input.root.endsWith("/") ? input.root : input.root + "/";
    const out: Record<string, string> = {};
    for (const [path, content] of [...this.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (path.startsWith(prefix))
        out[path.slice(prefix.length)] = createHash("sha256").update(content).digest("hex");
    }
    return hashedTree(out);
  }
}
