export { defineConfig } from "./defineConfig.js";
export type { StagingConfig, ModeConfig, TargetConfig } from "../config/StagingConfig.js";
