export { defineConfig } from "./defineConfig.js";
export type {
  StagingConfig,
  ModeConfig,
  TargetConfig,
  BuildRecipe,
  BuildContext,
  BuildFunction,
  DeployRecipe,
  DeployContext,
  DeployFunction,
} from "../config/StagingConfig.js";
