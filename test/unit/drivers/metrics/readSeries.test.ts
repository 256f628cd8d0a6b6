import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  matchesSelector,
  parseExposition,
  parseSeriesSelector,
  readSeries,
  sumSeries,
} from "../../../../src/drivers/metrics/index.js";

/** jvm.txt: Spring Boot + Micrometer; node.txt, bun.txt: captured from the demo service (README there). */
function fixture(name: "jvm" | "node" | "bun"): string {
  return readFileSync(new URL(`../../../fixtures/prometheus/${name}.txt`, import.meta.url), "utf8");
}

describe("readSeries on a JVM (Micrometer) exposition", () => {
  const jvm = fixture("jvm");

  it("sums the heap pools for heap in use (COMPAT: sum of jvm_memory_used_bytes{area=heap})", () => {
    expect(readSeries(jvm, 'jvm_memory_used_bytes{area="heap"}')).toBe(41943040 + 23456768 + 3145728);
    expect(readSeries(jvm, 'jvm_memory_used_bytes{area="heap",id="G1 Eden Space"}')).toBe(41943040);
    expect(readSeries(jvm, "jvm_memory_used_bytes{id=\"CodeHeap 'profiled nmethods'\"}")).toBe(20137856);
  });

  it("sums every series of a name without a filter", () => {
    const nonHeap = 1428992 + 5312896 + 20137856 + 8072288 + 61357432;
    expect(readSeries(jvm, "jvm_memory_used_bytes")).toBe(41943040 + 23456768 + 3145728 + nonHeap);
  });

  it("keeps -1 (undefined max) of the heap pools in the sum, as the series says", () => {
    expect(readSeries(jvm, 'jvm_memory_max_bytes{area="heap"}')).toBe(4294967296 - 2);
  });

  it("reads summary parts as plain names: jvm_gc_pause_seconds_sum and _count over all causes", () => {
    expect(readSeries(jvm, "jvm_gc_pause_seconds_sum")).toBeCloseTo(0.234, 12);
    expect(readSeries(jvm, "jvm_gc_pause_seconds_count")).toBe(41);
    expect(
      readSeries(jvm, 'jvm_gc_pause_seconds_count{cause="G1 Evacuation Pause",gc="G1 Young Generation"}'),
    ).toBe(38);
    expect(readSeries(jvm, "jvm_gc_pause_seconds_max")).toBeCloseTo(0.007, 12);
  });

  it("reads histogram parts, threads and labels with braces in their values", () => {
    expect(readSeries(jvm, "jvm_threads_live_threads")).toBe(31);
    expect(readSeries(jvm, 'http_server_requests_seconds_count{uri="/functions/{name}/invoke"}')).toBe(5160);
    expect(readSeries(jvm, 'http_server_requests_seconds_bucket{status="200",le="0.005"}')).toBe(4391);
  });

  it("gives null for a series that is not there, never 0", () => {
    expect(readSeries(jvm, "jvm_gc_pause_seconds")).toBeNull();
    expect(readSeries(jvm, 'jvm_memory_used_bytes{area="offheap"}')).toBeNull();
    expect(readSeries(jvm, "nodejs_heap_used_bytes")).toBeNull();
  });

  it("treats an empty label filter as 'label absent', like PromQL", () => {
    expect(readSeries(jvm, 'jvm_threads_live_threads{pod=""}')).toBe(31);
    expect(readSeries(jvm, 'jvm_threads_live_threads{application=""}')).toBeNull();
  });
});

describe("readSeries on the demo service", () => {
  const node = fixture("node");
  const bun = fixture("bun");

  it("node mode publishes heap and GC", () => {
    expect(readSeries(node, "nodejs_heap_used_bytes")).toBe(5246440);
    expect(readSeries(node, "nodejs_gc_pause_seconds_total")).toBeCloseTo(0.008234286, 9);
    expect(readSeries(node, "nodejs_gc_runs_total")).toBe(3);
    expect(readSeries(node, "process_heap_bytes")).toBeNull();
  });

  it("bun mode publishes process_heap_bytes and no GC", () => {
    expect(readSeries(bun, "process_heap_bytes")).toBe(2781297);
    expect(readSeries(bun, "nodejs_gc_pause_seconds_total")).toBeNull();
    expect(readSeries(bun, "nodejs_heap_used_bytes")).toBeNull();
  });

  it("reads the request counters and labelled histogram parts of both", () => {
    for (const text of [node, bun]) {
      expect(readSeries(text, "staging_requests_total")).toBe(41);
      expect(readSeries(text, 'staging_requests_total{status="400"}')).toBe(1);
      expect(readSeries(text, 'staging_request_duration_seconds_count{function="word-stats"}')).toBe(20);
      expect(readSeries(text, "staging_request_duration_seconds_count")).toBe(41);
      expect(readSeries(text, 'staging_request_duration_seconds_bucket{le="+Inf"}')).toBe(41);
      expect(readSeries(text, "process_resident_memory_bytes")).toBeGreaterThan(1e6);
    }
  });
});

describe("sumSeries", () => {
  it("counts NaN and Inf samples as published but leaves them out of the sum", () => {
    const samples = parseExposition('a{k="1"} 2\na{k="2"} NaN\na{k="3"} +Inf\nb NaN\n');
    expect(sumSeries(samples, parseSeriesSelector("a"))).toEqual({ matched: 3, value: 2 });
    expect(sumSeries(samples, parseSeriesSelector("b"))).toEqual({ matched: 1, value: null });
    expect(sumSeries(samples, parseSeriesSelector("c"))).toEqual({ matched: 0, value: null });
  });

  it("matches exact names and every asked label", () => {
    const [sample] = parseExposition('a_total{x="1",y="2"} 1');
    expect(matchesSelector(sample!, parseSeriesSelector('a_total{x="1"}'))).toBe(true);
    expect(matchesSelector(sample!, parseSeriesSelector('a_total{x="1",y="3"}'))).toBe(false);
    expect(matchesSelector(sample!, parseSeriesSelector("a"))).toBe(false);
    expect(matchesSelector(sample!, parseSeriesSelector('a_total{toString=""}'))).toBe(true);
  });

  it("throws E_SCRAPE_PARSE from readSeries on a malformed text", () => {
    expect(() => readSeries("a 1\nb{ 2\n", "a")).toThrowError(/not Prometheus exposition/);
  });
});
