import { chmod, copyFile, lstat, mkdir, open, readdir, readlink, realpath, symlink } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { StagingError } from "../../errors/index.js";
import { syncDir } from "../../fsutil/atomicWrite.js";

/** One entry of a snapshot tree, relative to its root, in pre-order (a folder before its content). */
export interface SnapshotEntry {
  path: string;
  kind: "dir" | "file" | "symlink";
  /** Permission bits (`mode & 0o7777`). */
  mode: number;
  /** For symlinks: the link text to write (relative; absolute links into the snapshot are rewritten). */
  link?: string;
}

/** A checked snapshot tree, ready to copy. */
export interface SnapshotPlan {
  source: string;
  entries: SnapshotEntry[];
}

/**
 * Walks and checks the snapshot `source` without writing anything: a symlink that leaves the snapshot
 * throws E_SYMLINK_ESCAPE, a socket, fifo or device E_SNAPSHOT_SPECIAL_FILE, a missing folder
 * E_SNAPSHOT_MISSING.
 */
export async function planSnapshot(
  source: string,
  options: { skip?: (path: string) => boolean } = {},
): Promise<SnapshotPlan> {
  const rootReal = await realpath(source).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
    throw new StagingError("The source version has no snapshot folder", {
      code: "E_SNAPSHOT_MISSING",
      facts: { file: source, expected: "a folder (possibly empty)" },
      hint: "restore the snapshot folder of the source version, or create from another one",
    });
  });
  const entries: SnapshotEntry[] = [];
  await walk({ source, rootReal, entries, skip: options.skip ?? (() => false) }, "");
  return { source, entries };
}

/** Copies a planned snapshot to the new folder `target`, keeping modes and symlinks; fsyncs every file. */
export async function copySnapshot(plan: SnapshotPlan, target: string): Promise<void> {
  const dirs: SnapshotEntry[] = [];
  for (const entry of plan.entries) {
    const to = join(target, entry.path);
    if (entry.kind === "dir") {
      await mkdir(to, { mode: 0o700 });
      dirs.push(entry);
    } else if (entry.kind === "symlink") {
      await symlink(entry.link ?? ".", to);
    } else {
      await copyFile(join(plan.source, entry.path), to);
      const handle = await open(to, "r");
      await handle.sync().finally(() => handle.close());
      await chmod(to, entry.mode);
    }
  }
  // Modes last and deepest first, so a read-only folder is filled before it is locked.
  for (const dir of dirs.reverse()) {
    await syncDir(join(target, dir.path));
    await chmod(join(target, dir.path), dir.mode);
  }
}

interface WalkContext {
  source: string;
  rootReal: string;
  entries: SnapshotEntry[];
  /** Paths (relative to the source) left out, with everything under them. */
  skip: (path: string) => boolean;
}

async function walk(ctx: WalkContext, rel: string): Promise<void> {
  const full = join(ctx.source, rel);
  const info = await lstat(full);
  const mode = info.mode & 0o7777;
  if (info.isDirectory()) {
    ctx.entries.push({ path: rel, kind: "dir", mode });
    for (const name of (await readdir(full)).sort())
      if (!ctx.skip(join(rel, name))) await walk(ctx, join(rel, name));
  } else if (info.isSymbolicLink()) {
    ctx.entries.push({ path: rel, kind: "symlink", mode, link: await insideLink(ctx, full) });
  } else if (info.isFile()) {
    ctx.entries.push({ path: rel, kind: "file", mode });
  } else {
    throw new StagingError("The snapshot holds something that is not a file, a folder or a symlink", {
      code: "E_SNAPSHOT_SPECIAL_FILE",
      facts: { file: full, expected: "regular files, folders and symlinks", got: "a socket, fifo or device" },
      hint: "remove it from the source snapshot; nothing was created",
    });
  }
}

/** The link text to write for the symlink `link`, or E_SYMLINK_ESCAPE when it leads out of the snapshot. */
async function insideLink(ctx: WalkContext, link: string): Promise<string> {
  const text = await readlink(link);
  const lexical = isAbsolute(text) ? text : resolve(dirname(link), text);
  const base = isInside(ctx.source, lexical)
    ? ctx.source
    : isInside(ctx.rootReal, lexical)
      ? ctx.rootReal
      : null;
  const real = await realpath(link).catch(() => null);
  if (base === null || (real !== null && !isInside(ctx.rootReal, real))) {
    throw new StagingError("A symlink in the snapshot points outside it", {
      code: "E_SYMLINK_ESCAPE",
      facts: { file: link, expected: `a link to a path inside ${ctx.source}`, got: text },
      hint: "replace the link by the file it points to, or remove it, in the source snapshot; nothing was created",
    });
  }
  if (!isAbsolute(text)) return text;
  return relative(dirname(link), join(ctx.source, relative(base, lexical))) || ".";
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
