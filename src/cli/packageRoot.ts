import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of staging's own package.json, found upward from this module (src/, dist/ or the
 * bundle): the repository checkout, or node_modules/staging of an installed package.
 */
export function packageRoot(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = readPackage(join(dir, "package.json"));
    if (pkg?.name === "staging") return dir;
  }
  return undefined;
}

/** A file staging ships (schemas, the demo), by its path inside the package. */
function packageFile(path: string): string | undefined {
  const root = packageRoot();
  return root === undefined ? undefined : join(root, path);
}

/** JSON Schema of version.yaml, named in the version.yaml files staging writes. */
export function versionSchemaFile(): string | undefined {
  const file = packageFile("schemas/version.schema.json");
  return file !== undefined && existsSync(file) ? file : undefined;
}

function readPackage(file: string): { name?: string; version?: string } | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
}
