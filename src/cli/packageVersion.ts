import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./packageRoot.js";

/** The version in staging's own package.json. */
export function packageVersion(): string {
  const root = packageRoot();
  if (root === undefined) return "unknown";
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}
