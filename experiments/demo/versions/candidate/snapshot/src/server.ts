import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { ServiceConfig } from "./config.js";
import {
  errorResponse,
  invokeFunction,
  isFunctionName,
  MAX_BODY_BYTES,
  type FunctionName,
  type FunctionResponse,
} from "./functions.js";
import type { Metrics } from "./Metrics.js";

const INVOKE_PATH = /^\/functions\/([^/]+)\/invoke$/;

export interface Service {
  server: Server;
  /** Stops accepting connections; resolves once the in-flight requests are answered. */
  stop(graceMs: number): Promise<void>;
}

/** The service: `POST /functions/<name>/invoke`, `GET /health`, `GET /metrics`. */
export function createService(config: ServiceConfig, metrics: Metrics): Service {
  let closing = false;
  const server = createServer((req, res) => {
    if (closing) res.setHeader("Connection", "close");
    route(config, metrics, req, res).catch((error: unknown) => {
      process.stderr.write(`request failed: ${String(error)}\n`);
      if (!res.headersSent) send(res, errorResponse(500, "internal error"), "application/json");
      else res.destroy();
    });
  });
  const stop = (graceMs: number) =>
    new Promise<void>((resolve) => {
      closing = true;
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => {
        server.closeAllConnections();
        resolve();
      }, graceMs).unref();
    });
  return { server, stop };
}

async function route(config: ServiceConfig, metrics: Metrics, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? "/").split("?")[0]!;
  if (path === "/health") {
    if (req.method !== "GET") return send(res, errorResponse(405, "use GET"), "application/json");
    return send(res, { status: 200, body: JSON.stringify(health(config)) }, "application/json");
  }
  if (path === "/metrics") {
    if (req.method !== "GET") return send(res, errorResponse(405, "use GET"), "application/json");
    return send(res, { status: 200, body: metrics.render() }, "text/plain; version=0.0.4; charset=utf-8");
  }
  const name = INVOKE_PATH.exec(path)?.[1];
  if (name === undefined || !isFunctionName(name)) {
    return send(res, errorResponse(404, `no such endpoint: ${path}`), "application/json");
  }
  if (req.method !== "POST") return send(res, errorResponse(405, "use POST"), "application/json");
  await invoke(name, metrics, req, res);
}

async function invoke(name: FunctionName, metrics: Metrics, req: IncomingMessage, res: ServerResponse) {
  const started = performance.now();
  const body = await readBody(req);
  const response = body === undefined ? errorResponse(413, `body exceeds ${MAX_BODY_BYTES} bytes`) : invokeFunction(name, body);
  send(res, response, "application/json");
  metrics.observe(name, response.status, (performance.now() - started) / 1000);
}

function health(config: ServiceConfig) {
  return {
    status: "ok",
    version: config.version,
    mode: config.mode,
    runtime: config.runtime,
    runtime_version: config.runtime === "bun" ? process.versions.bun : process.versions.node,
    build_fingerprint: config.buildFingerprint,
  };
}

/** The whole body, or undefined once it passes MAX_BODY_BYTES (the rest is drained, not kept). */
async function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

function send(res: ServerResponse, response: FunctionResponse, contentType: string): void {
  const body = Buffer.from(response.body, "utf8");
  res.writeHead(response.status, { "Content-Type": contentType, "Content-Length": body.byteLength });
  res.end(body);
}
