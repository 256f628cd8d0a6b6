import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isStagingError } from "../../../../src/errors/index.js";
import type { StagingError } from "../../../../src/errors/index.js";
import { JVM_SCRAPE_DEFAULTS, loadBenchmark } from "../../../../src/staging/benchmark/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import type { Tree } from "../../../helpers/useTmpDir.js";

const MODES = ["jvm", "native"];
const MINIMAL =
  "platform_modes: [jvm, native]\nrequests:\n  word-stats:\n    path: /functions/word-stats/invoke\n";
const FIXTURE = fileURLToPath(
  new URL("../../../fixtures/workspaces/control-plane-benchmark/benchmark/benchmark.yaml", import.meta.url),
);
const DOCS = fileURLToPath(new URL("../../../../docs/benchmark.md", import.meta.url));

/** Writes `text` (and `files`) under a temp `benchmark/` folder and returns the benchmark's path. */
function benchmarkFile(text: string, files: Tree = {}): string {
  const tree: Tree = { "benchmark/benchmark.yaml": text };
  for (const [path, content] of Object.entries(files)) tree[`benchmark/${path}`] = content;
  return join(useTmpDir(tree), "benchmark/benchmark.yaml");
}

async function errorOf(path: string, requiredModes = MODES): Promise<StagingError> {
  try {
    await loadBenchmark(path, { requiredModes });
  } catch (error) {
    if (isStagingError(error)) return error;
    throw error;
  }
  throw new Error("expected a StagingError");
}

describe("loadBenchmark", () => {
  it("applies every documented default to a minimal benchmark", async () => {
    const { benchmark, source, files } = await loadBenchmark(benchmarkFile(MINIMAL), {
      requiredModes: MODES,
    });
    expect(source).toBe(MINIMAL);
    expect(files).toEqual({});
    expect(benchmark).toEqual({
      function_profile: "all",
      platform_modes: ["jvm", "native"],
      runs: 10,
      load: {
        driver: "autocannon",
        mode: "alternate",
        windows: 1,
        warmup_s: 3,
        duration_s: 10,
        connections: 8,
        timeout_s: 10,
      },
      requests: {
        "word-stats": {
          method: "POST",
          path: "/functions/word-stats/invoke",
          weight: 1,
          content_type: "application/json",
        },
      },
      metrics: {
        p95: { direction: "lower", noise_band: 0.05, critical: true },
        p99: { direction: "lower", noise_band: 0.05, critical: false },
        fail_rate: { direction: "lower", noise_band: 0, critical: true },
        throughput: { direction: "higher", noise_band: 0.05, critical: true },
        heap_peak: { direction: "lower", noise_band: 0.05, critical: false },
        gc_pause: { direction: "lower", noise_band: 0.1, critical: false },
        cpu_per_request: { direction: "lower", noise_band: 0.03, critical: false },
      },
      scrape: { path: "/metrics", interval_ms: 500, modes: { jvm: JVM_SCRAPE_DEFAULTS } },
      thresholds: { max_fail_rate: 0.01, max_scrape_failure_ratio: 0.2, response_sample: 50 },
      extra: {},
    });
  });

  it("accepts the example of docs/benchmark.md as written", async () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(readFileSync(DOCS, "utf8"))?.[1] ?? "";
    const path = benchmarkFile(example, {
      "corpus/word-stats.jsonl": '{"body": "a b", "response_sha256": "00"}\n',
      "k6/word-stats.js": "export default function () {}\n",
    });
    const { benchmark, files } = await loadBenchmark(path, { requiredModes: ["node", "bun"] });
    expect(benchmark.platform_modes).toEqual(["node", "bun"]);
    expect(benchmark.load.rate).toBe(400);
    expect(benchmark.scrape.modes.node?.gc_pause).toEqual({
      series: "nodejs_gc_pause_seconds_total",
      aggregate: "increase",
    });
    // Shown in the example but only meaningful with `subset` and driver k6: left out of the pinned content.
    expect(benchmark.functions).toBeUndefined();
    expect(benchmark.load.k6).toBeUndefined();
    expect(Object.keys(files)).toEqual(["corpus/word-stats.jsonl"]);
  });

  it("pins the control-plane fixture (golden hash)", async () => {
    const loaded = await loadBenchmark(FIXTURE, { requiredModes: MODES });
    expect(loaded.benchmark.functions).toEqual(["word-stats"]);
    expect(loaded.benchmark.load.k6?.script).toBe("k6/word-stats-java.js");
    expect(loaded.benchmark.metrics.p99).toEqual({ direction: "lower", noise_band: 0.05, critical: true });
    expect(loaded.benchmark.extra).toEqual({ owner: "perf-team" });
    expect(Object.keys(loaded.files).sort()).toEqual([
      "corpus/json-transform.jsonl",
      "corpus/word-stats.jsonl",
      "k6/word-stats-java.js",
    ]);
    // Changed deliberately when load.mode, load.windows and cpu_per_request joined the defaults.
    // Changed deliberately when load.mode, load.windows and cpu_per_request joined the defaults.
    expect(loaded.hash).toBe("38cd180609be25383622bbb1bded54ad0a0c19c3a1753ce3c3fe9a3a40a2a854");
  });

  it("keeps explicit scrape modes, and gives a jvm mode without its own the JVM defaults", async () => {
    const text =
      MINIMAL +
      "scrape:\n  modes:\n    native:\n      heap_peak: { series: 'process_resident_memory_bytes', aggregate: max }\n";
    const { benchmark } = await loadBenchmark(benchmarkFile(text), { requiredModes: MODES });
    expect(benchmark.scrape.modes).toEqual({
      jvm: JVM_SCRAPE_DEFAULTS,
      native: { heap_peak: { series: "process_resident_memory_bytes", aggregate: "max" } },
    });
  });

  it("accepts anything under extra", async () => {
    const { benchmark } = await loadBenchmark(
      benchmarkFile(MINIMAL + "extra:\n  anything: { nested: [1, 2] }\n"),
      { requiredModes: MODES },
    );
    expect(benchmark.extra).toEqual({ anything: { nested: [1, 2] } });
  });

  it("refuses a symlinked corpus that leaves the benchmark folder", async () => {
    const path = benchmarkFile(MINIMAL + "    corpus: corpus.jsonl\n");
    const { symlinkSync } = await import("node:fs");
    writeFileSync(join(path, "../../secret.jsonl"), "{}\n");
    symlinkSync("../secret.jsonl", join(path, "../corpus.jsonl"));
    const error = await errorOf(path);
    expect(error.code).toBe("E_BENCHMARK_FILE");
    expect(error.message).toContain("(outside the benchmark folder)");
  });
});

describe("benchmark errors name the file, line, column, field and what was expected", () => {
  const cases: [string, string, string, Record<string, string | number>][] = [
    [
      "empty file",
      "",
      "E_BENCHMARK_SCHEMA",
      { line: 1, column: 1, field: "(top level)", expected: "a mapping", got: "null" },
    ],
    ["two documents", MINIMAL + "---\nruns: 3\n", "E_BENCHMARK_YAML", { line: 5, column: 1 }],
    [
      "list item of the wrong type",
      MINIMAL.replace("[jvm, native]", "[jvm, 7]"),
      "E_BENCHMARK_SCHEMA",
      { line: 1, column: 23, field: "platform_modes[1]", expected: "text", got: "7" },
    ],
    [
      "duplicate mode",
      MINIMAL.replace("[jvm, native]", "[jvm, native, jvm]"),
      "E_BENCHMARK_SCHEMA",
      { field: "platform_modes", expected: "a list without duplicates (items 0 and 2 are equal)" },
    ],
    [
      "custom metric without direction",
      MINIMAL + "metrics:\n  rss: { noise_band: 0.1 }\n",
      "E_BENCHMARK_SCHEMA",
      { line: 6, column: 8, field: "metrics.rss.direction", expected: "field `direction` to be present" },
    ],
    [
      "negative noise band",
      MINIMAL + "metrics:\n  p95: { noise_band: -1 }\n",
      "E_BENCHMARK_SCHEMA",
      { line: 6, column: 22, field: "metrics.p95.noise_band", expected: "a number >= 0", got: "-1" },
    ],
    [
      "request name with a space",
      MINIMAL + "  Word Stats:\n    path: /x\n",
      "E_BENCHMARK_SCHEMA",
      { line: 5, column: 3, field: "requests.Word Stats" },
    ],
    [
      "request path without a slash",
      MINIMAL.replace("path: /functions", "path: functions"),
      "E_BENCHMARK_SCHEMA",
      { line: 4, column: 11, expected: "a path starting with /" },
    ],
    [
      "k6 driver without a k6 block",
      MINIMAL + "load: { driver: k6 }\n",
      "E_BENCHMARK_SCHEMA",
      { field: "load.k6", expected: "field `k6` to be present (driver is k6)" },
    ],
    [
      "bad k6 stage duration",
      MINIMAL + "load:\n  driver: k6\n  k6: { script: a.js, stages: [{ duration: soon, target: 1 }] }\n",
      "E_BENCHMARK_SCHEMA",
      { line: 7, column: 44, field: "load.k6.stages[0].duration", got: '"soon"' },
    ],
    [
      "scrape mode not in platform_modes",
      MINIMAL + "scrape:\n  modes:\n    bun: {}\n",
      "E_BENCHMARK_REFERENCE",
      { line: 7, column: 5, field: "scrape.modes.bun", expected: "one of: jvm, native" },
    ],
    [
      "scraped metric not under metrics",
      MINIMAL + "scrape:\n  modes:\n    jvm:\n      rss: { series: process_rss, aggregate: max }\n",
      "E_BENCHMARK_REFERENCE",
      { line: 8, column: 7, field: "scrape.modes.jvm.rss" },
    ],
    [
      "threshold above 1",
      MINIMAL + "thresholds: { max_fail_rate: 2 }\n",
      "E_BENCHMARK_SCHEMA",
      { field: "thresholds.max_fail_rate", expected: "a number <= 1", got: "2" },
    ],
    [
      "no requests",
      "platform_modes: [jvm, native]\n",
      "E_BENCHMARK_SCHEMA",
      {
        line: 1,
        column: 1,
        field: "requests",
        expected: "field `requests` to be present (unless a k6 script drives the load)",
        got: "(missing)",
      },
    ],
  ];

  it.each(cases)("%s", async (_name, text, code, facts) => {
    const error = await errorOf(benchmarkFile(text));
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(2);
    expect(error.facts).toMatchObject(facts);
    expect(String(error.facts.file)).toMatch(/benchmark\/benchmark\.yaml$/);
    expect(error.format()).not.toMatch(/\n\s+at /);
  });
});
