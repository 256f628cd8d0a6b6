import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

const SCRAPE = {
  node: "    node:\n      heap_peak: { series: nodejs_heap_used_bytes, aggregate: max }\n      gc_pause: { series: nodejs_gc_pause_seconds_total, aggregate: increase }\n",
  bun: "    bun:\n      heap_peak: { series: process_heap_bytes, aggregate: max }\n",
  // Micrometer's names, as in the commented jvm block of the demo's benchmark.yaml.
  jvm: "    jvm:\n      heap_peak: { series: 'jvm_memory_used_bytes{area=\"heap\"}', aggregate: max }\n      gc_pause: { series: jvm_gc_pause_seconds_sum, aggregate: increase }\n",
};

/** The demo's platform modes (staging.config.ts); `jvm` needs a JDK 17 (`javac`, `java`) on PATH. */
type DemoMode = keyof typeof SCRAPE;

export interface TinyBenchmark {
  /** A number, or a range such as `{ min: 8, max: 16 }`. @default 2 */
  runs?: number | { min: number; max: number };
  /** The rest of the `load` mapping after its driver, e.g. `mode: duet, windows: 4, warmup_s: 0.5`. */
  load?: string;
  durationS?: number;
  metrics?: string;
  modes?: DemoMode[];
}

/**
 * A copy of the demo workspace (its versions and corpus) with a tiny benchmark and its own config,
 * so a whole campaign takes seconds. The build and run recipes are the repository's own.
 */
export function writeDemoWorkspace(ws: string, options: TinyBenchmark = {}): string {
  cpSync(join(REPO, "experiments/demo/versions"), join(ws, "versions"), {
    recursive: true,
    filter: (src) => !src.endsWith("manifest.json"),
  });
  cpSync(join(REPO, "experiments/demo/benchmark/corpus"), join(ws, "benchmark/corpus"), { recursive: true });
  const modes = options.modes ?? ["node"];
  let config = readFileSync(join(REPO, "staging.config.ts"), "utf8");
  // Each edit must apply: a silent miss would leave the copy pointing at the wrong tools or workspace.
  for (const [from, to] of [
    ['from "staging"', `from ${JSON.stringify(join(REPO, "src/public/index.js"))}`],
    ["createRequire(import.meta.url)", `createRequire(${JSON.stringify(join(REPO, "staging.config.ts"))})`],
    ['workspace: "experiments/demo"', 'workspace: "."'],
    ['requiredModes: ["node", "bun"]', `requiredModes: ${JSON.stringify(modes)}`],
  ] as const) {
    if (!config.includes(from))
      throw new Error(`demoWorkspace: staging.config.ts no longer contains ${from}`);
    config = config.replace(from, to);
  }
  writeFileSync(join(ws, "staging.config.ts"), config);
  writeFileSync(
    join(ws, "benchmark/benchmark.yaml"),
    `platform_modes: ${JSON.stringify(modes)}
runs: ${JSON.stringify(options.runs ?? 2)}
load: { driver: autocannon, ${options.load ?? `warmup_s: 0.3, duration_s: ${options.durationS ?? 1}, connections: 2`} }
requests:
  word-stats: { path: /functions/word-stats/invoke, corpus: corpus/word-stats.jsonl, content_type: "text/plain; charset=utf-8" }
  json-transform: { path: /functions/json-transform/invoke, corpus: corpus/json-transform.jsonl }
${options.metrics ?? ""}scrape:
  interval_ms: 200
  modes:
${modes.map((m) => SCRAPE[m]).join("")}`,
  );
  return ws;
}
