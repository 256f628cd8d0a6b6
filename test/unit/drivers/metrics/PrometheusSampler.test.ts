import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  PrometheusSampler,
  type FetchLike,
  type SampleLine,
  type SamplerOptions,
} from "../../../../src/drivers/metrics/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const base: SamplerOptions = {
  url: "http://127.0.0.1:9",
  intervalMs: 50,
  selectors: { heap: { series: "heap_bytes", aggregate: "max" } },
  mode: "node",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lines = (file: string): SampleLine[] =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as SampleLine);

async function window(fetch: FetchLike, ms: number, options: Partial<SamplerOptions> = {}) {
  const samplesFile = join(useTmpDir(), "scrape", "samples.jsonl");
  const sampler = new PrometheusSampler();
  await sampler.start({ ...base, fetch, samplesFile, ...options });
  await sleep(ms);
  const summary = await sampler.stop();
  return { summary, lines: lines(samplesFile) };
}

describe("PrometheusSampler options", () => {
  it.each([
    [{ url: "http://10.1.2.3:8080" }, "E_SCRAPE_TARGET"],
    [{ path: "metrics" }, "E_SCRAPE_TARGET"],
    [{ selectors: { heap: { series: "heap{area=~'x'}", aggregate: "max" } } }, "E_SCRAPE_SELECTOR"],
    [{ selectors: { heap: { series: "heap", aggregate: "p99" } } }, "E_SCRAPE_OPTIONS"],
    [{ intervalMs: 0 }, "E_SCRAPE_OPTIONS"],
    [{ timeoutMs: 2.5 }, "E_SCRAPE_OPTIONS"],
  ] as [Partial<SamplerOptions>, string][])("refuses %j at start with %s", async (options, code) => {
    const fetch: FetchLike = () => Promise.reject(new Error("must not scrape"));
    await expect(new PrometheusSampler().start({ ...base, fetch, ...options })).rejects.toMatchObject({
      code,
    });
  });

  it("refuses to stop before start and to start twice; stop twice gives one summary", async () => {
    await expect(new PrometheusSampler().stop()).rejects.toThrow(/before start/);
    const sampler = new PrometheusSampler();
    const fetch: FetchLike = () => Promise.resolve(new Response("heap_bytes 1\n"));
    await sampler.start({ ...base, intervalMs: 60_000, fetch });
    await expect(sampler.start(base)).rejects.toThrow(/already/);
    const first = await sampler.stop();
    expect(await sampler.stop()).toBe(first);
    expect(first).toMatchObject({ samples: 1, failures: 0, metrics: { heap: 1 } });
  });
});

describe("PrometheusSampler failures", () => {
  it("counts a text that does not parse as a failed scrape, with the line", async () => {
    const { summary, lines: written } = await window(
      () => Promise.resolve(new Response("heap_bytes 1\nheap_bytes{ 2\n")),
      20,
    );
    expect(summary).toMatchObject({ failures: summary.samples, failureRatio: 1, metrics: { heap: null } });
    expect(summary.unavailable.heap).toMatch(/^no successful scrape in mode node/);
    expect({ ...written[0], t_ms: 0 }).toEqual({
      t_ms: 0,
      ok: false,
      values: { heap: null },
      error:
        'the metrics endpoint answered text that is not Prometheus exposition (line 2: expected a label name or "}")',
    });
  });

  it("names the status of a non-200 answer", async () => {
    const fetch: FetchLike = () =>
      Promise.resolve(new Response("down", { status: 503, statusText: "Service Unavailable" }));
    const { lines: written } = await window(fetch, 10);
    expect(written[0]?.error).toBe("HTTP 503 Service Unavailable");
  });

  it("times a scrape out, body included", async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener("abort", () =>
          reject(init.signal?.reason instanceof Error ? init.signal.reason : new Error("aborted")),
        ),
      );
    const { summary, lines: written } = await window(hang, 120, { timeoutMs: 30 });
    expect(written[0]?.error).toBe("timed out after 30 ms");
    expect(summary.failures).toBe(summary.samples);
    expect(summary.samples).toBeGreaterThanOrEqual(3);
  });

  it("never overlaps scrapes: ticks that pass during a slow scrape are skipped, not failures", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    // Answers in 130 ms (within the 1 s timeout): each scrape outlasts two ticks.
    const slow: FetchLike = async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await sleep(130);
      inFlight--;
      return new Response("heap_bytes 7\n");
    };
    const { summary, lines: written } = await window(slow, 330, { timeoutMs: 1000 });
    expect(maxInFlight).toBe(1);
    expect(written.every((l) => l.ok)).toBe(true);
    expect(summary.samples).toBe(written.length);
    expect(summary.samples).toBeGreaterThanOrEqual(2);
    expect(summary.skipped).toBeGreaterThanOrEqual(2);
    expect(summary).toMatchObject({ failures: 0, failureRatio: 0, metrics: { heap: 7 } });
    const times = written.map((l) => l.t_ms);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(125);
  });

  it("skips the ticks missed while this process's event loop was busy, without counting failures", async () => {
    const fast: FetchLike = () => Promise.resolve(new Response("heap_bytes 3\n"));
    const samplesFile = join(useTmpDir(), "samples.jsonl");
    const sampler = new PrometheusSampler();
    await sampler.start({ ...base, fetch: fast, samplesFile });
    await sleep(60);
    const blockUntil = performance.now() + 180;
    while (performance.now() < blockUntil) {
      // the load generator hogging the event loop
    }
    await sleep(80);
    const summary = await sampler.stop();
    expect(summary.skipped).toBeGreaterThanOrEqual(2);
    expect(summary.failures).toBe(0);
    expect(lines(samplesFile)).toHaveLength(summary.samples);
  });
});
