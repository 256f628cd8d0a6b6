import { StagingError } from "../errors/StagingError.js";

/** STAGING_FSMONITOR (1/true/on or 0/false/off), else the config's `fsmonitor`. */
export function fsmonitorSetting(
  env: Readonly<Record<string, string | undefined>>,
  configured: boolean,
): boolean {
  const value = env.STAGING_FSMONITOR?.trim().toLowerCase();
  if (value === undefined || value === "") return configured;
  if (["1", "true", "on", "yes"].includes(value)) return true;
  if (["0", "false", "off", "no"].includes(value)) return false;
  throw new StagingError("Invalid STAGING_FSMONITOR", {
    code: "E_CONFIG",
    facts: {
      variable: "STAGING_FSMONITOR",
      expected: "1 or 0 (true/false, on/off)",
      got: JSON.stringify(value),
    },
  });
}
