import { realpathSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { Target } from "./Target.js";

/** Where a tool's binary is, and what identifies that binary's content: a changed binary is another version. */
export interface ToolBinary {
  /** As found on PATH: what runs (a multi-call binary such as k3s tells its tools by this name). */
  path: string;
  /** The file behind symlinks, and its size, mtime and inode. */
  real: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** Finds each named tool the way a shell would, the first executable file of that name on PATH; null if none. */
export function locateLocalTools(
  names: readonly string[],
  path = process.env.PATH ?? "",
): Record<string, ToolBinary | null> {
  const found: Record<string, ToolBinary | null> = {};
  for (const name of names) {
    found[name] = null;
    for (const dir of path.split(delimiter)) {
      const candidate = join(dir || ".", name);
      const st = statSync(candidate, { throwIfNoEntry: false });
      if (!st?.isFile() || (st.mode & 0o111) === 0) continue;
      found[name] = {
        path: candidate,
        real: realpathSync(candidate),
        size: st.size,
        mtimeMs: st.mtimeMs,
        ino: st.ino,
      };
      break;
    }
  }
  return found;
}

/**
 * The same on another machine, with one command: `command -v`, `readlink -f` and `stat` (GNU or
 * BSD; mtime in whole seconds). A tool not found is null; one found whose binary cannot be stat'ed
 * is left out (and then probed by name, without a cache).
 */
export async function locateRemoteTools(
  target: Pick<Target, "run">,
  names: readonly string[],
): Promise<Record<string, ToolBinary | null>> {
  const result = await target.run(["sh", "-c", LOCATE_SCRIPT, "sh", ...names], { timeoutMs: 30_000 });
  const found: Record<string, ToolBinary | null> = {};
  for (const line of result.stdout.split("\n")) {
    const [name, path, real, stat] = line.split("\t");
    if (!name || !names.includes(name)) continue;
    if (path === "") found[name] = null;
    const numbers = (stat ?? "").split(" ").map(Number);
    if (!path?.startsWith("/") || !real || numbers.length !== 3 || !numbers.every(Number.isSafeInteger))
      continue;
    found[name] = { path, real, size: numbers[0]!, mtimeMs: numbers[1]! * 1000, ino: numbers[2]! };
  }
  return found;
}

const LOCATE_SCRIPT = `for t in "$@"; do
  p=$(command -v "$t" 2>/dev/null) || { printf '%s\\t\\n' "$t"; continue; }
  case $p in /*) ;; *) continue ;; esac
  r=$(readlink -f "$p" 2>/dev/null) || r=$p
  s=$(stat -L -c '%s %Y %i' "$p" 2>/dev/null || stat -L -f '%z %m %i' "$p" 2>/dev/null) || continue
  printf '%s\\t%s\\t%s\\t%s\\n' "$t" "$p" "$r" "$s"
done`;
