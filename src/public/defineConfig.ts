import type { StagingConfig } from "../config/StagingConfig.js";

/** Types a `staging.config.ts`: an identity function, so the editor checks the config. */
export function defineConfig(config: StagingConfig): StagingConfig {
  return config;
}
