import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import {
  PrometheusSampler,
  type SampleLine,
  type SamplerOptions,
  type ScrapeSummary,
} from "../../../../src/drivers/metrics/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { sendText, startMetricsServer, type MetricsHandler, type MetricsServer } from "./metricsServer.js";

const INTERVAL_MS = 50;

const selectors: SamplerOptions["selectors"] = {
  heap_peak: { series: 'test_memory_used_bytes{area="heap"}', aggregate: "max" },
  gc_pause: { series: "test_gc_pause_seconds_total", aggregate: "increase" },
  threads: { series: "test_threads", aggregate: "last" },
  threads_mean: { series: "test_threads", aggregate: "mean" },
  jvm_gc: { series: "jvm_gc_pause_seconds_sum", aggregate: "increase" },
};

/** What the server published on its n-th scrape: heap rises to a peak at n = 6, then falls. */
function published(n: number) {
  return { heap: 1e6 * (20 - Math.abs(n - 6)), gc: 1 + 0.25 * n, threads: 10 + (n % 3) };
}

function exposition(n: number): string {
  const { heap, gc, threads } = published(n);
  return [
    "# TYPE test_memory_used_bytes gauge",
    `test_memory_used_bytes{area="heap",id="eden"} ${heap - 5e6}`,
    `test_memory_used_bytes{area="heap",id="old"} 5.0E6`,
    `test_memory_used_bytes{area="nonheap",id="meta"} 123456789`,
    "# TYPE test_gc_pause_seconds_total counter",
    `test_gc_pause_seconds_total ${gc}`,
    `test_threads ${threads}`,
    "",
  ].join("\n");
}

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * Samples the server until `until(server)` resolves: an event the server observed (the n-th scrape
 * served), never a span of time, so a loaded machine only makes the window longer. The timeout is
 * well above the interval so a slow machine (or fetch's cold first call) cannot turn a good answer
 * into a timeout; slow answers then skip ticks, which the assertions allow for.
 */
async function sampleUntil(
  handler: MetricsHandler,
  until: (server: MetricsServer, samplesFile: string) => Promise<void>,
  timeoutMs = 1000,
) {
  server = await startMetricsServer(handler);
  const samplesFile = join(useTmpDir(), "runs", "samples.jsonl");
  const sampler = new PrometheusSampler();
  const t0 = performance.now();
  await sampler.start({
    url: server.url,
    intervalMs: INTERVAL_MS,
    timeoutMs,
    selectors,
    mode: "node",
    samplesFile,
  });
  await until(server, samplesFile);
  const elapsedMs = performance.now() - t0;
  const summary: ScrapeSummary = await sampler.stop();
  const lines = readFileSync(samplesFile, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as SampleLine);
  return { summary, lines, elapsedMs };
}

/** Resolves once the samples file holds `n` failed scrapes (the sampler writes each as it ends). */
async function failuresWritten(file: string, n: number): Promise<void> {
  const failed = () =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.includes('"ok":false')).length;
  while (failed() < n) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("PrometheusSampler against a real HTTP server", () => {
  it("folds a changing endpoint into max, increase, last and mean", async () => {
    // Past the peak at n = 6, whatever the machine's load.
    const { summary, lines, elapsedMs } = await sampleUntil(
      (n, res) => sendText(res, exposition(n)),
      (s) => s.served(10),
    );
    const served = Array.from({ length: server!.requests() }, (_, n) => published(n));
    expect(summary.samples).toBe(served.length);
    expect(summary.samples).toBeGreaterThanOrEqual(10);
    // A fixed grid: no more scrapes and skips than ticks came due in the time it ran.
    expect(summary.samples + summary.skipped).toBeLessThanOrEqual(Math.floor(elapsedMs / INTERVAL_MS) + 2);
    expect(summary.failures).toBe(0);
    expect(summary.failureRatio).toBe(0);
    expect(summary.metrics.heap_peak).toBe(20e6);
    expect(summary.metrics.gc_pause).toBeCloseTo(0.25 * (served.length - 1), 9);
    expect(summary.metrics.threads).toBe(served.at(-1)!.threads);
    const meanThreads = served.reduce((a, s) => a + s.threads, 0) / served.length;
    expect(summary.metrics.threads_mean).toBeCloseTo(meanThreads, 9);

    expect(summary.metrics.jvm_gc).toBeNull();
    expect(summary.unavailable).toEqual({ jvm_gc: "not published in mode node" });

    expect(lines).toHaveLength(summary.samples);
    lines.forEach(({ t_ms, ...line }, k) => {
      expect(line).toEqual({
        ok: true,
        values: {
          heap_peak: served[k]!.heap,
          gc_pause: served[k]!.gc,
          threads: served[k]!.threads,
          threads_mean: served[k]!.threads,
          jvm_gc: null,
        },
      });
      // A fixed grid from start(): the k-th scrape never runs before tick k is due.
      expect(t_ms).toBeGreaterThanOrEqual(k * INTERVAL_MS - 2);
    });
    expect(lines[0]!.t_ms).toBeLessThan(INTERVAL_MS);
    expect(lines.every((line) => Number.isInteger(line.t_ms))).toBe(true);
  });

  it("counts the failures of a server that starts failing mid-window (503, then a hang)", async () => {
    const { summary, lines } = await sampleUntil(
      (n, res) => {
        if (n < 4) sendText(res, exposition(n));
        else if (n < 6) sendText(res, "overloaded\n", 503);
        // From n = 6 on, never answer: each scrape times out.
      },
      // Scrapes never overlap: the 8th starts only after the 7th timed out.
      (s) => s.served(8),
      200,
    );
    const failed = lines.filter((line) => !line.ok);
    expect(lines.filter((line) => line.ok)).toHaveLength(4);
    expect(summary.failures).toBe(summary.samples - 4);
    expect(summary.failures).toBe(failed.length);
    expect(summary.failureRatio).toBeCloseTo((summary.samples - 4) / summary.samples, 12);
    expect(failed[0]).toMatchObject({ ok: false, error: "HTTP 503 Service Unavailable" });
    expect(failed[1]?.error).toBe("HTTP 503 Service Unavailable");
    expect(failed.slice(2).map((line) => line.error)).toContain("timed out after 200 ms");
    for (const line of failed) expect(Object.values(line.values)).toEqual([null, null, null, null, null]);
    // The window's metrics come from the four good samples only.
    expect(summary.metrics.heap_peak).toBe(published(3).heap);
    expect(summary.metrics.gc_pause).toBeCloseTo(0.75, 9);
    expect(summary.metrics.threads).toBe(published(3).threads);
  });

  it("counts connection refused once the server goes away", async () => {
    const { summary, lines } = await sampleUntil(
      (n, res) => sendText(res, exposition(n)),
      async (s, samplesFile) => {
        // The 4th scrape starts only once the 3rd answer was read: three good ones, then it goes.
        await s.served(4);
        await s.close();
        await failuresWritten(samplesFile, 3);
      },
    );
    const ok = lines.filter((line) => line.ok).length;
    expect(ok).toBeGreaterThanOrEqual(3);
    expect(summary.failures).toBe(summary.samples - ok);
    expect(summary.failures).toBeGreaterThanOrEqual(3);
    const errors = lines.filter((line) => !line.ok).map((line) => line.error);
    // A keep-alive socket cut by close() may answer ECONNRESET once; new connections are refused.
    for (const error of errors)
      expect(error).toMatch(/^fetch failed: (.*ECONN(REFUSED|RESET)|other side closed)/);
    expect(errors.at(-1)).toMatch(/^fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    expect(summary.metrics.heap_peak).not.toBeNull();
  });

  it("reports every metric as unavailable when no scrape succeeds", async () => {
    const { summary } = await sampleUntil(
      (_n, res) => sendText(res, "nope\n", 500),
      (s) => s.served(3),
    );
    expect(summary.failureRatio).toBe(1);
    expect(Object.values(summary.metrics).every((v) => v === null)).toBe(true);
    expect(summary.unavailable.heap_peak).toMatch(
      /^no successful scrape in mode node \(\d+ of \d+ failed\)$/,
    );
  });
});
