import { createServer } from "node:net";
import { DEPLOY_HOST } from "./deploySpec.js";

/**
 * A port free on 127.0.0.1 right now: listen on port 0, read it, close. Another process may take
 * it before the service binds; the drivers then start again on another port.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, DEPLOY_HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no port was assigned"))));
    });
  });
}

/** Output of a service that could not bind its port. */
export function portWasTaken(log: string): boolean {
  return /EADDRINUSE|address already in use/i.test(log);
}
