import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { errorLine, StagingError } from "../errors/index.js";
import { importConfigModule } from "./importConfigModule.js";
import { resolveConfig } from "./resolveConfig.js";
import type { ResolvedConfig, StagingConfig } from "./StagingConfig.js";
import { userCacheDir } from "./userCacheDir.js";

export const CONFIG_NAMES = [
  "staging.config.ts",
  "staging.config.mts",
  "staging.config.js",
  "staging.config.mjs",
];

export interface ConfigSource {
  /** `--config FILE`. */
  configFile?: string;
  /** `--workspace DIR` or STAGING_WORKSPACE. */
  workspace?: string;
  cwd: string;
}

/**
 * Finds and loads the configuration: `--config` wins; with `--workspace` only, a config inside
 * that folder is used if there is one, else the control-plane defaults; otherwise the nearest
 * config upward from the cwd. TypeScript configs load without a build step: compiled once per
 * content and kept in the user's cache folder (`importConfigModule`).
 */
export async function loadConfig(source: ConfigSource): Promise<ResolvedConfig> {
  const file = findConfigFile(source);
  if (!file) {
    if (!source.workspace) {
      throw new StagingError("No staging.config.ts found and no workspace given", {
        code: "E_NO_WORKSPACE",
        facts: { searched: `${source.cwd} and its parents` },
        hint: "pass --workspace DIR (or set STAGING_WORKSPACE), or create a staging.config.ts",
      });
    }
    return resolveConfig({}, undefined, resolve(source.cwd, source.workspace));
  }
  const config = await importConfig(file);
  const workspace = source.workspace ? resolve(source.cwd, source.workspace) : undefined;
  return resolveConfig(config, file, workspace);
}

function findConfigFile(source: ConfigSource): string | undefined {
  if (source.configFile) {
    const file = resolve(source.cwd, source.configFile);
    if (!existsSync(file)) {
      throw new StagingError("The config file does not exist", { code: "E_CONFIG", facts: { file } });
    }
    return file;
  }
  if (source.workspace) return firstExisting(resolve(source.cwd, source.workspace));
  for (let dir = resolve(source.cwd); ; dir = dirname(dir)) {
    const found = firstExisting(dir);
    if (found || dirname(dir) === dir) return found;
  }
}

function firstExisting(dir: string): string | undefined {
  return CONFIG_NAMES.map((name) => join(dir, name)).find((path) => existsSync(path));
}

async function importConfig(file: string): Promise<StagingConfig> {
  let loaded: unknown;
  try {
    const module = await importConfigModule(file, userCacheDir());
    loaded = "default" in module ? module.default : module;
  } catch (error) {
    if (error instanceof StagingError) throw error;
    throw new StagingError("The config file could not be loaded", {
      code: "E_CONFIG",
      facts: { file, error: errorLine(error) },
      hint: "fix the file so that `export default defineConfig({ ... })` evaluates",
      cause: error,
    });
  }
  if (loaded === null || typeof loaded !== "object") {
    throw new StagingError("The config file does not export a configuration", {
      code: "E_CONFIG",
      facts: { file, expected: "export default defineConfig({ ... })", got: typeof loaded },
    });
  }
  return loaded;
}
