/** What the service reads from its environment. */
export interface ServiceConfig {
  /** PORT; 0 picks a free port (the listening line on stdout names it). @default 8080 */
  port: number;
  /** HOST. @default "127.0.0.1" */
  host: string;
  /** STAGING_VERSION: the version slug. @default null */
  version: string | null;
  /** STAGING_MODE: the platform mode it was built for. @default the runtime it runs on */
  mode: string;
  /** STAGING_BUILD_FINGERPRINT: the build's fingerprint, shown by /health. @default null */
  buildFingerprint: string | null;
  /** The JavaScript runtime actually running the service: decides which metrics exist. */
  runtime: Runtime;
}

export type Runtime = "node" | "bun";

export function detectRuntime(): Runtime {
  return process.versions.bun === undefined ? "node" : "bun";
}

export function readConfig(env: NodeJS.ProcessEnv): ServiceConfig {
  const runtime = detectRuntime();
  const rawPort = env.PORT ?? "8080";
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(rawPort)}`);
  }
  return {
    port,
    host: nonEmpty(env.HOST) ?? "127.0.0.1",
    version: nonEmpty(env.STAGING_VERSION),
    mode: nonEmpty(env.STAGING_MODE) ?? runtime,
    buildFingerprint: nonEmpty(env.STAGING_BUILD_FINGERPRINT),
    runtime,
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}
