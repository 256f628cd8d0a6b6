import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { probeHealth, targetHealthFetcher } from "../../../../src/drivers/deploy/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.statusCode = req.url === "/health" ? 200 : 404;
    res.end(JSON.stringify({ status: "ok", build_fingerprint: "fp-target" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("asks /health from the target itself (node -e there)", async () => {
  const fetcher = targetHealthFetcher(new LocalTarget());
  expect(await probeHealth(fetcher, url, "/health", "fp-target")).toEqual({ ok: true });
  expect(await probeHealth(fetcher, url, "/other", "fp-target")).toEqual({
    ok: false,
    reason: "/other answers HTTP 404",
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const closed = await probeHealth(fetcher, url, "/health", "fp-target");
  expect(closed).toEqual({ ok: false, reason: "/health did not answer (ECONNREFUSED)" });
});
