import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadResult } from "../../../../src/drivers/load/index.js";
import { buildCellSummary } from "../../../../src/staging/measure/buildCellSummary.js";
import type { CellSummary } from "../../../../src/staging/measure/CellSummary.js";
import {
  aggregateComparison,
  prototypeCampaignFields,
  renderAggregateComparisonJson,
  renderAggregateComparisonMarkdown,
} from "../../../../src/staging/report/prototype/index.js";

export const AGGREGATOR = fileURLToPath(
  new URL("../../../fixtures/prototype/aggregate_campaign.py", import.meta.url),
);

/** True when python3 runs. */
export const hasPython = spawnSync("python3", ["--version"]).status === 0;

/** Runs the prototype's aggregator on a campaign folder, writing into `out`. */
export function runPrototypeAggregator(campaignDir: string, out: string) {
  return spawnSync("python3", [AGGREGATOR, campaignDir, out], { encoding: "utf8", timeout: 60_000 });
}

/** One measured run, as `buildCellSummary` makes it from what a run measured. */
export interface MeasuredRun {
  version: string;
  mode: string;
  round: number;
  /** Latency ms, fail rate, throughput, and the scraped heap_peak / gc_pause (absent: not published). */
  values: {
    p95: number;
    p99: number;
    fail_rate: number;
    throughput: number;
    heap_peak?: number;
    gc_pause?: number;
  };
  invalid?: string;
}

/** The cell summary staging writes for a run, through the real `buildCellSummary`. */
export function cellSummaryOf(run: MeasuredRun): CellSummary {
  const { values } = run;
  const scraped: Record<string, number | null> = {
    heap_peak: values.heap_peak ?? null,
    gc_pause: values.gc_pause ?? null,
  };
  const unavailable: Record<string, string> = {};
  for (const [name, value] of Object.entries(scraped))
    if (value === null) unavailable[name] = `not published in mode ${run.mode}`;
  return buildCellSummary({
    version: run.version,
    mode: run.mode,
    round: run.round,
    runIndex: run.round,
    load: loadResult(values, run.invalid),
    scrape: { metrics: scraped, unavailable, samples: 10, failures: 0 },
    rssPeak: { bytes: 50_000_000 },
    serviceDied: null,
    thresholds: { max_fail_rate: 1, max_scrape_failure_ratio: 0.2, response_sample: 50 },
    metricNames: ["p95", "p99", "fail_rate", "throughput", "heap_peak", "gc_pause"],
  });
}

/**
 * Writes a campaign folder as staging does: campaign.json (its own fields and the prototype's),
 * runs/run-NNN/<slug>__<mode>/cell-summary.json, and the aggregate-comparison files.
 */
export function writeCampaign(dir: string, baseline: string, candidate: string, runs: MeasuredRun[]): void {
  const cells = runs.map(cellSummaryOf);
  const modes = [...new Set(runs.map((r) => r.mode))];
  for (const cell of cells) {
    const folder = join(
      dir,
      "runs",
      `run-${String(cell.round).padStart(3, "0")}`,
      `${cell.version_slug}__${cell.platform_mode}`,
    );
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "cell-summary.json"), JSON.stringify(cell, null, 2) + "\n");
  }
  // staging's own fields, then the prototype's over them (the same campaign_id).
  const campaign = {
    key: "k".repeat(64),
    created_at: "2026-03-01T10:00:00Z",
    candidate,
    baseline,
    modes,
    ...prototypeCampaignFields({
      campaignId: "c1",
      baseline,
      candidate,
      modes,
      runs: Math.max(...runs.map((r) => r.round)),
      benchmarkFileSha256: "0".repeat(64),
      cellsExecuted: cells.length,
    }),
  };
  writeFileSync(join(dir, "campaign.json"), JSON.stringify(campaign, null, 2) + "\n");
  const aggregate = aggregateComparison({ baseline, candidate, modes }, cells);
  writeFileSync(join(dir, "aggregate-comparison.json"), renderAggregateComparisonJson(aggregate));
  writeFileSync(join(dir, "aggregate-comparison.md"), renderAggregateComparisonMarkdown(aggregate));
}

function loadResult(values: MeasuredRun["values"], invalid: string | undefined): LoadResult {
  return {
    driver: "autocannon",
    latencyUs: {
      p50: null,
      p90: null,
      p95: values.p95 * 1000,
      p99: values.p99 * 1000,
      max: null,
      mean: null,
      count: 100,
    },
    histogram: null,
    statusCounts: {},
    errors: {},
    requests: { completed: 100, failed: 0, notSent: 0 },
    throughput: values.throughput,
    windowS: 10,
    failRate: values.fail_rate,
    endpoints: {},
    responseMismatches: 0,
    responsesChecked: 0,
    invalidReasons: invalid ? [invalid] : [],
    unavailable: { "latencyUs.p50": "not measured" },
  };
}
