import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A small tmpfs of its own (root only; CI runs as root), to fill, remount read-only, and take
 * away again. `close()` unmounts it whatever state a failed test left it in.
 */
export class SmallDisk {
  private constructor(readonly dir: string) {}

  /** Whether this process may mount a tmpfs (root with mount(8)); tried once, for real. */
  static available(): boolean {
    if (process.getuid?.() !== 0) return false;
    const dir = mkdtempSync(join(tmpdir(), "staging-mount-probe-"));
    try {
      if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir]).status !== 0) return false;
      spawnSync("umount", [dir]);
      return true;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  static mount(sizeMb: number): SmallDisk {
    const dir = mkdtempSync(join(tmpdir(), "staging-small-disk-"));
    run("mount", "-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0755`, "tmpfs", dir);
    return new SmallDisk(dir);
  }

  /** Bytes free to this process. */
  free(): number {
    const s = statfsSync(this.dir);
    return s.bavail * s.bsize;
  }

  /** Fills the disk until `leave` bytes are free (rounded to its pages by the kernel). */
  fill(leave: number): void {
    this.unfill();
    const size = this.free() - leave;
    if (size > 0) run("fallocate", "-l", String(size), join(this.dir, "filler"));
  }

  /** Space back. */
  unfill(): void {
    rmSync(join(this.dir, "filler"), { force: true });
  }

  readOnly(on: boolean): void {
    run("mount", "-o", `remount,${on ? "ro" : "rw"}`, this.dir);
  }

  /** A read-only bind mount of `path` over itself; the returned function takes it away. */
  bindReadOnly(path: string): () => void {
    run("mount", "--bind", path, path);
    run("mount", "-o", "remount,bind,ro", path);
    return () => void spawnSync("umount", ["-l", path]);
  }

  close(): void {
    spawnSync("umount", ["-l", this.dir]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function run(...argv: string[]): void {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr}`);
}
