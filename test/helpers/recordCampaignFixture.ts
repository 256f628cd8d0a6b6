/**
 * Records a campaign of the demo as a report fixture (test/fixtures/campaign-demo/): its identity,
 * its metrics' specs (from report.json) and every run's cell summary, reduced to what the report
 * reads, then plants one invalid run far off (see the fixture's README). Run with
 * `npx tsx test/helpers/recordCampaignFixture.ts <workspace>/campaigns/<id> test/fixtures/campaign-demo`.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CampaignIdentity, CellSummary, ReportMetricSpec } from "../../src/staging/report/index.js";

interface RecordedCampaign {
  campaign_id: string;
  baseline_slug: string;
  candidate_slug: string;
  platform_modes: string[];
  seed: number;
  benchmark_hash: string;
  created_at: string;
  rounds: { min: number; max: number };
}

interface ReportRow {
  metric: string;
  direction: "lower" | "higher";
  noise_band: number;
  critical: boolean;
}

/** The invalid run planted in the recording: a service that died after answering very slowly. */
const PLANTED = {
  version: "candidate",
  mode: "bun",
  round: 3,
  reasons: [
    "process exited with code 137 during the measured window",
    "fail_rate 0.0412 over max_fail_rate 0.01",
  ],
  metrics: { p50: 640, p95: 2150, p99: 2890, fail_rate: 0.0412 },
};

function record(campaignDir: string, out: string): void {
  const campaign = readJson<RecordedCampaign>(join(campaignDir, "campaign.json"));
  const report = readJson<{ modes: Array<{ metrics: ReportRow[] }> }>(join(campaignDir, "report.json"));
  const identity: CampaignIdentity = {
    campaignId: campaign.campaign_id,
    baseline: campaign.baseline_slug,
    candidate: campaign.candidate_slug,
    modes: campaign.platform_modes,
    runs: campaign.rounds.max,
    seed: campaign.seed,
    benchmarkHash: campaign.benchmark_hash,
    createdAt: campaign.created_at,
  };
  const metrics: Record<string, ReportMetricSpec> = {};
  for (const row of report.modes[0]?.metrics ?? [])
    metrics[row.metric] = { direction: row.direction, noise_band: row.noise_band, critical: row.critical };
  const cells = readdirSync(join(campaignDir, "runs"))
    .sort()
    .flatMap((run) =>
      readdirSync(join(campaignDir, "runs", run))
        .sort()
        .map((cell) =>
          reduce(readJson<CellSummary>(join(campaignDir, "runs", run, cell, "cell-summary.json"))),
        ),
    )
    .map(plant);
  writeFileSync(join(out, "campaign.json"), `${JSON.stringify({ identity, metrics }, null, 2)}\n`);
  writeFileSync(join(out, "cells.json"), `${JSON.stringify(cells)}\n`);
}

/** The fields of a cell summary the report reads (CampaignInput.CellSummary). */
function reduce(cell: CellSummary): CellSummary {
  return {
    version_slug: cell.version_slug,
    platform_mode: cell.platform_mode,
    round: cell.round,
    run_index: cell.run_index,
    valid: cell.valid,
    invalid_reasons: cell.invalid_reasons,
    metrics: cell.metrics,
    ...(cell.unavailable ? { unavailable: cell.unavailable } : {}),
    ...(cell.windows
      ? {
          windows: cell.windows.map((w) => ({
            index: w.index,
            latencyUs: { p50: w.latencyUs.p50, p95: w.latencyUs.p95 ?? null, p99: w.latencyUs.p99 ?? null },
            throughput: w.throughput ?? null,
            cpuPerRequest: w.cpuPerRequest ?? null,
            othersCpus: w.othersCpus,
            machine: w.machine ? { stealFraction: w.machine.stealFraction } : null,
            ...(w.endpoints ? { endpoints: w.endpoints } : {}),
          })),
        }
      : {}),
    ...(cell.warmed_s === undefined ? {} : { warmed_s: cell.warmed_s }),
    ...(cell.histogram ? { histogram: cell.histogram } : {}),
    ...(cell.endpoints ? { endpoints: cell.endpoints } : {}),
  };
}

function plant(cell: CellSummary): CellSummary {
  const { version, mode, round, reasons, metrics } = PLANTED;
  if (cell.version_slug !== version || cell.platform_mode !== mode || cell.round !== round) return cell;
  return { ...cell, valid: false, invalid_reasons: reasons, metrics: { ...cell.metrics, ...metrics } };
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

const [campaignDir, out] = process.argv.slice(2);
if (campaignDir && out) record(campaignDir, out);
