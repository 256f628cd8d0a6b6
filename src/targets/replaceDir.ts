import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { posix } from "node:path";

/** A hidden sibling of `dest` for a fresh upload: `<parent>/.<name>.tmp-<random>`. */
export function tempSibling(dest: string, kind: "tmp" | "old" = "tmp"): string {
  const clean = dest.replace(/\/+$/, "");
  return posix.join(
    posix.dirname(clean),
    `.${posix.basename(clean)}.${kind}-${randomBytes(6).toString("hex")}`,
  );
}

/**
 * A POSIX sh script (argv) that puts the finished tree `$1` in place of `$2`: the old tree is renamed
 * aside, the new one renamed in, the old one removed. Each rename is atomic, so `$2` is always either
 * the whole old tree or the whole new one (absent only between the two renames). Leftovers of
 * crashed uploads older than an hour are cleaned on the way.
 */
export function replaceDirArgv(tmp: string, dest: string): string[] {
  const script = [
    "set -e",
    'old="$3"',
    'if [ -e "$2" ] || [ -L "$2" ]; then mv -f -- "$2" "$old"; fi',
    'mv -f -- "$1" "$2"',
    'rm -rf -- "$old"',
    'find "$(dirname -- "$2")" -maxdepth 1 -name ".$(basename -- "$2").*-*" -mmin +60 -exec rm -rf {} + 2>/dev/null || true',
  ].join("\n");
  return ["sh", "-c", script, "sh", tmp, dest, tempSibling(dest, "old")];
}

/** The same swap for a local tree, with fs renames. */
export async function replaceDirLocal(tmp: string, dest: string): Promise<void> {
  const old = tempSibling(dest, "old");
  if (existsSync(dest)) await rename(dest, old);
  await rename(tmp, dest);
  await rm(old, { recursive: true, force: true });
}
