import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import hdr from "hdr-histogram-js";
import { afterEach, describe, expect, it } from "vitest";
import { AutocannonDriver, type LoadInput, type LoadResult } from "../../../../src/drivers/load/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const ANSWER = '{"words":3,"note":"naïve café"}';
const ANSWER_SHA = sha256(ANSWER);

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

let server: Server | undefined;
const seen: Record<string, number> = {};

afterEach(async () => {
  for (const key of Object.keys(seen)) delete seen[key];
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: Handler): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    const count = n++;
    seen[req.url ?? ""] = (seen[req.url ?? ""] ?? 0) + 1;
    req.resume();
    req.on("end", () => handler(req, res, count));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function input(url: string, overrides: Partial<LoadInput["load"]> = {}, sample = 20): LoadInput {
  return {
    url,
    load: { warmup_s: 0, duration_s: 1, connections: 4, timeout_s: 5, ...overrides },
    requests: [
      {
        name: "word-stats",
        method: "POST",
        path: "/fn/word-stats",
        weight: 2,
        contentType: "application/json",
        bodies: [
          { body: '{"text":"a b c"}', responseSha256: ANSWER_SHA },
          { body: '{"text":"d e f"}', responseSha256: ANSWER_SHA },
        ],
      },
      {
        name: "json-transform",
        method: "POST",
        path: "/fn/json-transform",
        weight: 1,
        contentType: "application/json",
        bodies: [{ body: '{"in":[1,2]}', responseSha256: ANSWER_SHA }],
      },
    ],
    responseSample: sample,
    workDir: join(useTmpDir(), "run"),
    seed: 7,
  };
}

function sumStatus(result: LoadResult, ok: boolean): number {
  return Object.entries(result.statusCounts)
    .filter(([code]) => (code.startsWith("2") && code.length === 3) === ok)
    .reduce((sum, [, n]) => sum + n, 0);
}

describe("AutocannonDriver against a real node:http server", () => {
  it("measures a 2 s window after a discarded warm-up, with sub-millisecond percentiles", async () => {
    const url = await serve((_req, res) => res.end(ANSWER));
    const run = input(url, { warmup_s: 0.5, duration_s: 2, connections: 8 }, 50);
    const result = await new AutocannonDriver().run(run);

    const { p50, p90, p95, p99, max, mean, count } = result.latencyUs;
    for (const v of [p50, p90, p95, p99, max, mean]) expect(v).toBeGreaterThan(0);
    expect([p50, p90, p95, p99].some((us) => us! % 1000 !== 0)).toBe(true);
    expect(p50!).toBeLessThanOrEqual(p90!);
    expect(p90!).toBeLessThanOrEqual(p95!);
    expect(p95!).toBeLessThanOrEqual(p99!);
    expect(p50!).toBeLessThan(1000 * 1000);

    expect(result.requests.completed).toBe(sumStatus(result, true));
    expect(result.requests.completed).toBe(count);
    expect(result.requests.failed).toBe(0);
    expect(result.requests.notSent).toBe(0);
    expect(result.failRate).toBe(0);
    expect(result.windowS).toBeGreaterThanOrEqual(1.95);
    expect(result.windowS).toBeLessThan(2.5);
    expect(result.throughput).toBeCloseTo(result.requests.completed! / result.windowS!, 6);
    expect(result.responsesChecked).toBe(50);
    expect(result.responseMismatches).toBe(0);
    expect(result.invalidReasons).toEqual([]);

    const decoded = hdr.decodeFromCompressedBase64(result.histogram!.encoded);
    expect(decoded.totalCount).toBe(count);
    // The warm-up's requests reached the server but are not in the result.
    const served = Object.values(seen).reduce((a, b) => a + b, 0);
    expect(served).toBeGreaterThan(result.requests.completed!);
    // Weighted 2:1 across the functions.
    const ratio = (seen["/fn/word-stats"] ?? 0) / (seen["/fn/json-transform"] ?? 1);
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
    expect(existsSync(join(run.workDir, "autocannon-result.json"))).toBe(true);
  });

  it("records each request name's latencies and counts beside the whole, adding up to it", async () => {
    const url = await serve((req, res) =>
      setTimeout(() => res.end(ANSWER), req.url === "/fn/word-stats" ? 4 : 0),
    );
    const result = await new AutocannonDriver().run(input(url, { duration_s: 1, connections: 4 }));
    const { "word-stats": ws, "json-transform": jt } = result.endpoints;
    expect(Object.keys(result.endpoints)).toEqual(["word-stats", "json-transform"]);
    expect(ws!.completed! + jt!.completed!).toBe(result.requests.completed);
    expect(ws!.failed! + jt!.failed!).toBe(result.requests.failed);
    for (const e of [ws!, jt!]) {
      expect(e.latencyUs.count).toBe(e.completed! + e.failed!);
      expect(hdr.decodeFromCompressedBase64(e.histogram!.encoded).totalCount).toBe(e.latencyUs.count);
      expect(e.throughput).toBeCloseTo(e.completed! / result.windowS!, 9);
    }
    // Weighted 2:1, and only word-stats waits 4 ms: the names are told apart.
    expect(ws!.completed! / jt!.completed!).toBeGreaterThan(1.8);
    expect(ws!.completed! / jt!.completed!).toBeLessThan(2.2);
    expect(ws!.latencyUs.p50!).toBeGreaterThan(4000);
    expect(jt!.latencyUs.p50!).toBeLessThan(ws!.latencyUs.p50!);
  });

  it("counts sampled responses whose sha256 differs as mismatches and makes the run invalid", async () => {
    const url = await serve((req, res) =>
      res.end(req.url === "/fn/json-transform" ? '{"wrong":true}' : ANSWER),
    );
    const run = input(url);
    const result = await new AutocannonDriver().run(run);
    expect(result.responsesChecked).toBe(20);
    expect(result.responseMismatches).toBeGreaterThan(0);
    expect(result.invalidReasons).toContainEqual(
      expect.stringMatching(
        /^response mismatch: \d+ of 20 sampled responses differ from response_sha256 \(json-transform: \d+\)$/,
      ),
    );
    const kept = JSON.parse(readFileSync(join(run.workDir, "response-mismatches.json"), "utf8")) as {
      function: string;
      preview: string;
    }[];
    expect(kept[0]).toMatchObject({ function: "json-transform", preview: '{"wrong":true}' });
  });

  it("hashes the raw bytes of a body whose multi-byte character is split across reads", async () => {
    const bytes = Buffer.from(ANSWER);
    const split = bytes.indexOf(Buffer.from("ï")) + 1;
    const url = await serve((_req, res) => {
      res.setHeader("content-length", bytes.length);
      res.write(bytes.subarray(0, split));
      setTimeout(() => res.end(bytes.subarray(split)), 2);
    });
    const result = await new AutocannonDriver().run(input(url, { connections: 2 }));
    expect(result.responsesChecked).toBe(20);
    expect(result.responseMismatches).toBe(0);
  });

  it("sends each function's method, content type and body under the base URL's path", async () => {
    const got = new Set<string>();
    const base = await serve((req, res) => {
      got.add(`${req.method} ${req.url} ${req.headers["content-type"]}`);
      res.end(ANSWER);
    });
    const run = input(`${base}/prefix/`, { duration_s: 0.3 });
    run.requests[1]!.method = "put";
    run.requests[1]!.contentType = "application/x-ndjson";
    const result = await new AutocannonDriver().run(run);
    expect([...got].sort()).toEqual([
      "POST /prefix/fn/word-stats application/json",
      "PUT /prefix/fn/json-transform application/x-ndjson",
    ]);
    expect(result.invalidReasons).toEqual([]);
  });

  it("counts 500 responses as failed requests", async () => {
    const url = await serve((_req, res, n) => {
      res.statusCode = n % 10 === 3 ? 500 : 200;
      res.end(res.statusCode === 500 ? "boom" : ANSWER);
    });
    const result = await new AutocannonDriver().run(input(url));
    expect(result.failRate).toBeGreaterThan(0);
    expect(result.statusCounts["500"]).toBeGreaterThan(0);
    expect(result.errors.non2xx).toBe(result.statusCounts["500"]);
    expect(result.requests.failed).toBe(sumStatus(result, false));
    expect(result.requests.completed).toBe(sumStatus(result, true));
    expect(result.endpoints["word-stats"]!.failed! + result.endpoints["json-transform"]!.failed!).toBe(
      result.requests.failed,
    );
    expect(result.failRate).toBeCloseTo(
      result.requests.failed! / (result.requests.failed! + result.requests.completed!),
      9,
    );
    expect(result.latencyUs.count).toBe(result.requests.completed! + result.requests.failed!);
  });

  it("counts requests lost to a closed connection or a timeout", async () => {
    const url = await serve((req, res, n) => {
      if (req.url === "/fn/json-transform" && n % 2 === 0) return; // never answered: times out
      if (n % 7 === 0) return req.socket.destroy();
      res.end(ANSWER);
    });
    const result = await new AutocannonDriver().run(input(url, { duration_s: 2, timeout_s: 1 }));
    const { timeout, socket, closed, non2xx } = result.errors;
    expect(timeout).toBeGreaterThan(0);
    expect((socket ?? 0) + (closed ?? 0)).toBeGreaterThan(0);
    expect(result.requests.failed).toBe((timeout ?? 0) + (socket ?? 0) + (closed ?? 0) + (non2xx ?? 0));
    expect(result.failRate).toBeGreaterThan(0);
    // Each loss under the name of the request that was in flight: only json-transform times out.
    const { "word-stats": ws, "json-transform": jt } = result.endpoints;
    expect(ws!.failed! + jt!.failed!).toBe(result.requests.failed);
    expect(jt!.failed).toBeGreaterThanOrEqual(timeout!);
    expect(jt!.failRate!).toBeGreaterThan(ws!.failRate!);
  });

  it("holds a fixed rate, and reports what it could not send when the server falls behind", async () => {
    const fast = await serve((_req, res) => res.end(ANSWER));
    const held = await new AutocannonDriver().run(input(fast, { rate: 200, duration_s: 1.5 }));
    expect(held.requests.completed).toBeGreaterThan(200 * 1.5 * 0.85);
    expect(held.requests.completed).toBeLessThan(200 * 1.5 * 1.15 + 200);
    await new Promise<void>((resolve) => server?.close(() => resolve()));

    const slow = await serve((_req, res) => setTimeout(() => res.end(ANSWER), 50));
    const behind = await new AutocannonDriver().run(
      input(slow, { rate: 200, duration_s: 1, connections: 2 }),
    );
    expect(behind.requests.notSent).toBeGreaterThan(100);
    expect(behind.latencyUs.p50).toBeLessThan(200_000); // send-time latency: the backlog is not in it
  });

  it("stops and rejects with the signal's reason when aborted", async () => {
    const url = await serve((_req, res) => res.end(ANSWER));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("interrupted")), 200);
    const started = Date.now();
    await expect(
      new AutocannonDriver().run(input(url, { duration_s: 10 }), controller.signal),
    ).rejects.toThrow("interrupted");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each(["http://example.com:8080", "http://10.0.0.5:30080", "http://127.0.0.2:8080", "file:///tmp/x"])(
    "refuses the non-loopback URL %s",
    async (url) => {
      await expect(new AutocannonDriver().run(input(url))).rejects.toMatchObject({ code: "E_LOAD_TARGET" });
    },
  );
});

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
