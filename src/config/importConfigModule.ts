import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compileConfig } from "./compileConfig.js";

/** Bump when the compiled form changes. */
const FORMAT = 1;

/**
 * Imports a config through a cache of its compiled form, by content: the first command after an
 * edit compiles it (`compileConfig`, about a tenth of a second), every other one imports the
 * cached module at once. An entry is used only while every local file it was compiled from has
 * the same content; without a cache folder, the compiled module is imported from memory.
 */
export async function importConfigModule(
  file: string,
  cacheDir: string | undefined,
): Promise<Record<string, unknown>> {
  const source = readFileSync(file);
  const key = sha256(JSON.stringify([FORMAT, compilerVersion(), process.versions.node, file]), source);
  const dir = cacheDir && join(cacheDir, "config");
  const cached = dir && join(dir, `${key}.mjs`);
  if (cached && inputsUnchanged(join(dir, `${key}.inputs.json`))) {
    try {
      return (await import(pathToFileURL(cached).href)) as Record<string, unknown>;
    } catch (error) {
      // A package it imports moved (a new install): compile again. Nothing of the config ran.
      if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
    }
  }
  const { code, inputs } = await compileConfig(file);
  if (dir && cached && save(dir, key, code, inputs, file)) {
    // A fresh URL: the module system may remember a failed import of the old entry.
    return (await import(`${pathToFileURL(cached).href}?${randomBytes(4).toString("hex")}`)) as Record<
      string,
      unknown
    >;
  }
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)) as Record<
    string,
    unknown
  >;
}

/** The other local files of an entry, each with the hash of its content when compiled. */
function inputsUnchanged(manifest: string): boolean {
  try {
    const inputs = JSON.parse(readFileSync(manifest, "utf8")) as [string, string][];
    return inputs.every(([path, digest]) => sha256(readFileSync(path)) === digest);
  } catch {
    return false;
  }
}

function save(dir: string, key: string, code: string, inputs: string[], file: string): boolean {
  const others = inputs.filter((input) => input !== file).map((path) => [path, sha256(readFileSync(path))]);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    prune(dir);
    writeReplacing(join(dir, `${key}.inputs.json`), JSON.stringify(others));
    writeReplacing(join(dir, `${key}.mjs`), code);
    return true;
  } catch {
    return false;
  }
}

/** Entries older than a month go: one in use is compiled again then, once. */
function prune(dir: string): void {
  const before = Date.now() - 30 * 24 * 3600_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if ((statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < before)
      rmSync(path, { force: true });
  }
}

function writeReplacing(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(tmp, content, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

function compilerVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (JSON.parse(readFileSync(require.resolve("esbuild/package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "none";
  }
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}
