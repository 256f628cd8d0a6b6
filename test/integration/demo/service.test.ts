import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { requireOrSkip } from "../../helpers/integration.js";
import {
  buildService,
  bunAvailable,
  demoRoot,
  javacAvailable,
  metricNames,
  parsePrometheus,
  startService,
  type Mode,
  type Running,
} from "./demoService.js";

const modes: Mode[] = [
  "node",
  ...(requireOrSkip(bunAvailable, "bun (node_modules/.bin/bun)") ? (["bun"] as const) : []),
  ...(requireOrSkip(javacAvailable, "javac (a JDK 17) on PATH") ? (["jvm"] as const) : []),
];
const versions = ["baseline", "candidate"];
const cells = versions.flatMap((version) =>
  modes.map((mode) => ({ version, mode, key: `${version}/${mode}` })),
);
const functions = ["word-stats", "json-transform"] as const;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const sample = (fn: string) =>
  readFileSync(join(demoRoot, "benchmark/corpus", `${fn}.jsonl`), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { body: string; response_sha256: string })
    .filter((_, i) => i % 10 === 0);

let work: string;
const services = new Map<string, Running>();
const snapshotListing = () =>
  versions
    .flatMap((v) => readdirSync(join(demoRoot, "versions", v, "snapshot"), { recursive: true }).map(String))
    .sort();
let listingBeforeBuilds: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "staging-demo-it-"));
  listingBeforeBuilds = snapshotListing();
  const builds = await Promise.all(
    cells.map((c) => buildService(c.version, c.mode, join(work, c.version, c.mode))),
  );
  for (const build of builds) {
    const running = await startService(build, {
      STAGING_VERSION: build.version,
      STAGING_MODE: build.mode,
      STAGING_BUILD_FINGERPRINT: `fp-${build.version}-${build.mode}`,
    });
    services.set(`${build.version}/${build.mode}`, running);
  }
});

afterAll(() => {
  for (const service of services.values()) if (service.child.exitCode === null) service.child.kill("SIGKILL");
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

const url = (key: string, path: string) => `http://127.0.0.1:${services.get(key)!.port}${path}`;

async function post(key: string, fn: string, body: string | Uint8Array, type = "application/json") {
  const response = await fetch(url(key, `/functions/${fn}/invoke`), {
    method: "POST",
    body,
    headers: { "content-type": type },
  });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

async function metrics(key: string): Promise<Map<string, number>> {
  const response = await fetch(url(key, "/metrics"));
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await response.text());
}

it("builds leave the snapshots untouched", () => {
  expect(snapshotListing()).toEqual(listingBeforeBuilds);
});

describe.each(cells)("the demo service, $key", ({ version, mode, key }) => {
  it("reports version, mode and build fingerprint on /health", async () => {
    const response = await fetch(url(key, "/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      version,
      mode,
      runtime: mode,
      build_fingerprint: `fp-${version}-${mode}`,
    });
  });

  it("answers every sampled corpus request with the recorded response", async () => {
    for (const fn of functions) {
      for (const { body, response_sha256 } of sample(fn)) {
        const type = fn === "word-stats" ? "text/plain; charset=utf-8" : "application/json";
        const response = await post(key, fn, body, type);
        expect(response.status).toBe(200);
        expect(response.type).toBe("application/json");
        expect(sha256(response.body)).toBe(response_sha256);
      }
    }
  });

  it("answers bad input with a JSON error", async () => {
    expect(await post(key, "json-transform", '{"a":')).toMatchObject({
      status: 400,
      body: '{"error":"body is not valid JSON"}',
    });
    expect(await post(key, "word-stats", new Uint8Array([0xc3, 0x28]))).toMatchObject({
      status: 400,
      body: '{"error":"body is not valid UTF-8"}',
    });
    expect((await post(key, "nope", "x")).status).toBe(404);
    expect((await fetch(url(key, "/functions/word-stats/invoke"))).status).toBe(405);
  });

  it("publishes request counters, latency histograms and this mode's process series", async () => {
    const samples = await metrics(key);
    const names = metricNames(samples);
    const sent = sample("word-stats").length;
    expect(samples.get('staging_requests_total{function="word-stats",status="200"}')).toBe(sent);
    expect(samples.get('staging_requests_total{function="word-stats",status="400"}')).toBe(1);
    const count = samples.get('staging_request_duration_seconds_count{function="word-stats"}');
    expect(count).toBe(sent + 1);
    expect(samples.get('staging_request_duration_seconds_bucket{function="word-stats",le="+Inf"}')).toBe(
      count,
    );
    const buckets = [...samples].filter(([k]) =>
      k.startsWith('staging_request_duration_seconds_bucket{function="word-stats"'),
    );
    expect(buckets.map(([, v]) => v)).toEqual(buckets.map(([, v]) => v).sort((a, b) => a - b));
    expect(samples.get('staging_request_duration_seconds_sum{function="word-stats"}')).toBeGreaterThan(0);

    expect(samples.get("process_resident_memory_bytes")).toBeGreaterThan(1e6);
    if (mode === "node") {
      expect(samples.get("nodejs_heap_used_bytes")).toBeGreaterThan(0);
      expect(samples.get("nodejs_gc_pause_seconds_total")).toBeGreaterThanOrEqual(0);
      expect(samples.get("nodejs_gc_runs_total")).toBeGreaterThanOrEqual(0);
      expect(names.has("process_heap_bytes")).toBe(false);
    } else if (mode === "jvm") {
      // Micrometer's names (jvmService.test.ts reads them with staging's own parser).
      expect(names).toContain("jvm_memory_used_bytes");
      expect(names).toContain("jvm_gc_pause_seconds_sum");
      expect([...names].filter((n) => n.startsWith("nodejs_") || n === "process_heap_bytes")).toEqual([]);
    } else {
      expect(samples.get("process_heap_bytes")).toBeGreaterThan(0);
      // bun's perf_hooks emits no "gc" entries: the series is left out, never published as 0.
      expect([...names].filter((n) => n.startsWith("nodejs_"))).toEqual([]);
    }
    for (const value of samples.values()) expect(Number.isFinite(value)).toBe(true);
  });

  it("publishes every series the benchmark scrapes in this mode", async () => {
    const benchmark = parse(readFileSync(join(demoRoot, "benchmark/benchmark.yaml"), "utf8")) as {
      scrape: { modes: Record<string, Record<string, { series: string }>> };
    };
    const names = metricNames(await metrics(key));
    for (const { series } of Object.values(benchmark.scrape.modes[mode] ?? {}))
      expect(names).toContain(series);
  });
});

describe("across versions and modes", () => {
  it("every cell answers byte for byte alike, errors included", async () => {
    const requests = [
      ...functions.flatMap((fn) => sample(fn).map(({ body }) => ({ fn, body }))),
      { fn: "json-transform", body: "[1, 2" },
      { fn: "json-transform", body: '"scalar"' },
      { fn: "word-stats", body: "" },
      { fn: "word-stats", body: "Ünïcode, don't ''quote'' 😀 x\u212a 9" },
    ];
    for (const { fn, body } of requests) {
      const answers = await Promise.all(cells.map(async (c) => JSON.stringify(await post(c.key, fn, body))));
      expect(new Set(answers).size, `${fn}: ${body.slice(0, 40)}`).toBe(1);
    }
  });
});

describe("SIGTERM", () => {
  it("stops every cell cleanly, with idle keep-alive connections open", async () => {
    for (const c of cells) await fetch(url(c.key, "/health"));
    const results = await Promise.all(
      cells.map(async (c) => {
        const service = services.get(c.key)!;
        service.child.kill("SIGTERM");
        const timeout = new Promise<"timeout">((done) => setTimeout(() => done("timeout"), 4000).unref());
        return { key: c.key, exit: await Promise.race([service.exited, timeout]), stdout: service.stdout };
      }),
    );
    for (const { key, exit, stdout } of results) {
      expect(exit, key).toEqual({ code: 0, signal: null });
      expect(
        stdout.map((line) => (JSON.parse(line) as { event: string }).event),
        key,
      ).toEqual(["listening", "shutdown", "stopped"]);
    }
  });
});
