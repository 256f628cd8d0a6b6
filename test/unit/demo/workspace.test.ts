import { createHash } from "node:crypto";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateCorpus } from "../../../experiments/demo/benchmark/generate-corpus.mjs";
import { loadBenchmark } from "../../../src/staging/benchmark/loadBenchmark.js";
import { JVM_SCRAPE_DEFAULTS } from "../../../src/staging/benchmark/validateBenchmark.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";
import { invokeFunction as baselineInvoke } from "../../../experiments/demo/versions/baseline/snapshot/src/functions.js";
import { invokeFunction as candidateInvoke } from "../../../experiments/demo/versions/candidate/snapshot/src/functions.js";

const demo = resolve(import.meta.dirname, "../../../experiments/demo");
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

interface CorpusLine {
  body: string;
  response_sha256: string;
}

function readCorpus(fn: string): CorpusLine[] {
  const text = readFileSync(join(demo, "benchmark/corpus", `${fn}.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as CorpusLine);
}

const functions = ["word-stats", "json-transform"] as const;

describe("the demo corpus", () => {
  it.each(functions)("%s: 200 requests, each line a body and a sha256", (fn) => {
    const lines = readCorpus(fn);
    expect(lines).toHaveLength(200);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(["body", "response_sha256"]);
      expect(typeof line.body).toBe("string");
      expect(line.response_sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.each(functions)(
    "%s: response_sha256 is the baseline's response, and the candidate answers the same",
    (fn) => {
      for (const { body, response_sha256 } of readCorpus(fn)) {
        const bytes = new TextEncoder().encode(body);
        const baseline = baselineInvoke(fn, bytes);
        expect(baseline.status).toBe(200);
        expect(sha256(baseline.body)).toBe(response_sha256);
        expect(candidateInvoke(fn, bytes)).toEqual(baseline);
      }
    },
  );

  it("word-stats texts are a few KB, so tokenizing dominates the request", () => {
    const sizes = readCorpus("word-stats").map((l) => l.body.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(3000);
    expect(Math.max(...sizes)).toBeLessThan(8000);
  });

  it("is what the seeded generator writes", () => {
    const generated = generateCorpus();
    for (const [name, content] of Object.entries(generated)) {
      expect(content === readFileSync(join(demo, "benchmark/corpus", name), "utf8"), name).toBe(true);
    }
  });
});

describe("the demo benchmark", () => {
  const benchmark = parse(readFileSync(join(demo, "benchmark/benchmark.yaml"), "utf8")) as {
    platform_modes: string[];
    runs: { min: number; max: number };
    load: Record<string, unknown>;
    requests: Record<string, { path: string; corpus: string }>;
    scrape: { modes: Record<string, Record<string, { series: string }>> };
  };

  it("runs both modes in duet rounds until decided, with the short preset", () => {
    expect(benchmark.platform_modes).toEqual(["node", "bun"]);
    expect(benchmark.runs).toEqual({ min: 10, max: 20 });
    expect(benchmark.load).toMatchObject({
      driver: "autocannon",
      mode: "duet",
      windows: 4,
      warmup_s: 1,
      duration_s: 1,
      connections: 4,
    });
  });

  it("points every request at an existing corpus and the function's path", () => {
    for (const [fn, request] of Object.entries(benchmark.requests)) {
      expect(request.path).toBe(`/functions/${fn}/invoke`);
      expect(statSync(join(demo, "benchmark", request.corpus)).isFile()).toBe(true);
    }
  });

  it("scrapes per mode only what that mode publishes", () => {
    expect(benchmark.scrape.modes).toEqual({
      node: {
        heap_peak: { series: "nodejs_heap_used_bytes", aggregate: "max" },
        gc_pause: { series: "nodejs_gc_pause_seconds_total", aggregate: "increase" },
      },
      bun: { heap_peak: { series: "process_heap_bytes", aggregate: "max" } },
    });
  });

  it("runs the jvm mode too once it is added to platform_modes, as README.md says", async () => {
    const text = readFileSync(join(demo, "benchmark/benchmark.yaml"), "utf8");
    const ws = useTmpDir();
    cpSync(join(demo, "benchmark/corpus"), join(ws, "benchmark/corpus"), { recursive: true });
    const threeModes = text.replace("platform_modes: [node, bun]\n", "platform_modes: [node, bun, jvm]\n");
    writeFileSync(join(ws, "benchmark/benchmark.yaml"), threeModes);
    const loaded = await loadBenchmark(join(ws, "benchmark/benchmark.yaml"), {
      requiredModes: ["node", "bun"],
    });
    expect(loaded.benchmark.platform_modes).toEqual(["node", "bun", "jvm"]);
    expect(loaded.benchmark.scrape.modes.jvm).toEqual(JVM_SCRAPE_DEFAULTS);
  });
});

describe("the demo versions", () => {
  const versionYaml = (slug: string) =>
    parse(readFileSync(join(demo, "versions", slug, "version.yaml"), "utf8")) as Record<string, string>;

  it("has a baseline and a candidate whose parent is the baseline", () => {
    expect(versionYaml("baseline")).toMatchObject({
      slug: "baseline",
      kind: "generic-service",
      status: "baseline",
      parent: "none",
      created_at: "2026-11-25T00:00:00Z",
    });
    expect(versionYaml("candidate")).toMatchObject({
      slug: "candidate",
      kind: "generic-service",
      status: "candidate",
      parent: "version:baseline",
      created_at: "2026-11-25T00:00:00Z",
    });
  });

  it.each(["baseline", "candidate"])("%s has a hypothesis with every section", (slug) => {
    const text = readFileSync(join(demo, "versions", slug, "hypothesis.md"), "utf8");
    const headings = text.split("\n").filter((line) => line.startsWith("#"));
    expect(headings).toEqual([
      "# Hypothesis",
      "## Context",
      "## Differences from parent",
      "## Hypotheses",
      "## Risks",
      "## Expected impact",
    ]);
  });

  it("the candidate's snapshot differs from the baseline's in the tokenizers only (TypeScript and Java)", () => {
    const files = (slug: string) => listFiles(join(demo, "versions", slug, "snapshot"));
    const baseline = files("baseline");
    const candidate = files("candidate");
    expect(Object.keys(candidate)).toEqual(Object.keys(baseline));
    const changed = Object.keys(baseline).filter((path) => baseline[path] !== candidate[path]);
    expect(changed).toEqual(["jvm/src/demo/Tokenizer.java", "src/tokenize.ts"]);
  });
});

function listFiles(root: string, dir = root, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(root, full, out);
    else out[relative(root, full)] = readFileSync(full, "utf8");
  }
  return out;
}
