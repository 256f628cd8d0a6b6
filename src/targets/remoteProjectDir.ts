import { posix } from "node:path";
import { StagingError } from "../errors/StagingError.js";
import type { Target } from "./Target.js";

/** Where versions live on a target unless E2E_REMOTE_PROJECT_DIR says otherwise. */
export const DEFAULT_REMOTE_PROJECT_DIR = "~/staging-project";

/** E2E_REMOTE_PROJECT_DIR, else the configured dir, else `~/staging-project`. */
export function remoteProjectDirSetting(
  env: Readonly<Record<string, string | undefined>> = process.env,
  configured?: string,
): string {
  const value = env.E2E_REMOTE_PROJECT_DIR?.trim();
  return value ? value : (configured ?? DEFAULT_REMOTE_PROJECT_DIR);
}

/** An absolute path on the target: `~`, `~/x` and relative paths are taken from the target's home. */
export async function resolveRemotePath(target: Pick<Target, "home">, path: string): Promise<string> {
  if (path.startsWith("/")) return posix.normalize(path);
  const home = await target.home();
  const rest = path === "~" ? "" : path.startsWith("~/") ? path.slice(2) : path;
  return posix.normalize(posix.join(home, rest));
}

const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `<project>/versions/<slug>`, refusing slugs that could leave the versions folder. */
export function versionRoot(projectDir: string, slug: string): string {
  if (!SLUG.test(slug) || slug.includes("..")) {
    throw new StagingError("invalid version slug for the target's version root", {
      code: "E_SLUG",
      facts: { slug, expected: "letters, digits, '.', '_' or '-', not starting with a symbol" },
    });
  }
  return posix.join(projectDir, "versions", slug);
}
