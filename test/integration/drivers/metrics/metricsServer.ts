import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Answers the n-th request (from 0) to /metrics. */
export type MetricsHandler = (n: number, res: ServerResponse, req: IncomingMessage) => void;

export interface MetricsServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Requests to /metrics so far. */
  requests(): number;
  /** Resolves once `n` requests to /metrics have arrived (an observed event, not a time). */
  served(n: number): Promise<void>;
  /** Stops listening and cuts open connections: later scrapes get ECONNREFUSED. */
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with a port picked by the OS. */
export async function startMetricsServer(handler: MetricsHandler): Promise<MetricsServer> {
  let n = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    handler(n++, res, req);
    for (const w of waiting.filter((w) => w.n <= n)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => n,
    served: (count) =>
      count <= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n: count, resolve })),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

export function sendText(res: ServerResponse, text: string, status = 200): void {
  res.writeHead(status, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }).end(text);
}
