import { readConfig } from "./config.js";
import { Metrics } from "./Metrics.js";
import { runtimeSeries } from "./runtimeSeries.js";
import { createService } from "./server.js";

/** In-flight requests get this long after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 5000;

function main(): void {
  let config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const { server, stop } = createService(config, new Metrics(runtimeSeries(config.runtime)));
  server.on("error", (error) => {
    process.stderr.write(`cannot listen on ${config.host}:${config.port}: ${error.message}\n`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : config.port;
    log({ event: "listening", host: config.host, port, version: config.version, mode: config.mode, runtime: config.runtime });
  });
  const shutdown = (signal: NodeJS.Signals) => {
    log({ event: "shutdown", signal });
    void stop(SHUTDOWN_GRACE_MS).then(() => {
      log({ event: "stopped" });
      process.exit(0);
    });
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

function log(event: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(event) + "\n");
}

main();
