import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type {
  CampaignIdentity,
  CellSummary,
  ReportMetricSpec,
} from "../../../../src/staging/report/index.js";
import type { AnalysisPoint } from "../../../../src/staging/report/aggregateCampaign.js";

/**
 * A campaign fixture. `campaign`: 2 versions x 2 modes (node, bun) x 5 rounds, bun without gc_pause,
 * one invalid run. `campaign-demo`: a recorded campaign of the demo (12 duet rounds of 2 windows,
 * histograms and figures per request name) with one invalid run planted far off (its README).
 */
export interface CampaignFixture {
  identity: CampaignIdentity;
  metrics: Record<string, ReportMetricSpec>;
  cells: CellSummary[];
}

export function loadFixture(name: "campaign" | "campaign-demo" = "campaign"): CampaignFixture {
  const campaign = readJson(name, "campaign.json") as Omit<CampaignFixture, "cells">;
  return { ...campaign, cells: readJson(name, "cells.json") as CellSummary[] };
}

function readJson(fixture: string, name: string): unknown {
  const path = fileURLToPath(new URL(`../../../fixtures/${fixture}/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8"));
}

export const BASE = "base-v1";
export const CAND = "cand-v2";

/** A small campaign identity for hand-made cells. */
export function identity(modes: string[] = ["node"], runs = 8): CampaignIdentity {
  return {
    campaignId: "c-test",
    baseline: BASE,
    candidate: CAND,
    modes,
    runs,
    seed: 7,
    benchmarkHash: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    createdAt: "2026-01-02T03:04:05Z",
  };
}

/** Per metric, the values of one version's rounds (null: no value in that round). */
export type Series = Record<string, ReadonlyArray<number | null>>;

/** One valid cell per round of one version in one mode; `unavailable` reasons go on every cell. */
export function versionCells(
  version: string,
  mode: string,
  series: Series,
  unavailable?: Record<string, string>,
): CellSummary[] {
  const rounds = Math.max(...Object.values(series).map((values) => values.length));
  return Array.from({ length: rounds }, (_, i) => ({
    version_slug: version,
    platform_mode: mode,
    round: i + 1,
    run_index: i,
    valid: true,
    invalid_reasons: [],
    metrics: Object.fromEntries(
      Object.entries(series).map(([metric, values]) => [metric, values[i] ?? null]),
    ),
    ...(unavailable === undefined ? {} : { unavailable }),
  }));
}

/** Baseline and candidate cells of one mode. */
export function modeCells(mode: string, baseline: Series, candidate: Series): CellSummary[] {
  return [...versionCells(BASE, mode, baseline), ...versionCells(CAND, mode, candidate)];
}

/** n values start, start + step, … */
export function ramp(start: number, step: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => start + i * step);
}

export const LOWER: ReportMetricSpec = { direction: "lower", noise_band: 0.05 };
export const HIGHER: ReportMetricSpec = { direction: "higher", noise_band: 0.05 };

/** The analysis point of a fixed campaign of `rounds` rounds (one look, the full level). */
export function at(rounds: number, looks: number[] = [rounds]): AnalysisPoint {
  return {
    rounds,
    roundsPlanned: { min: looks[0] ?? rounds, max: looks.at(-1) ?? rounds },
    looks,
    design: { mode: "duet", windows: 4, window_s: 1 },
  };
}

/** The analysis point of the demo's recorded campaign (`campaign-demo`): 12 duet rounds of 2 windows of 1 s. */
export function demoPoint(): AnalysisPoint {
  return { ...at(12), design: { mode: "duet", windows: 2, window_s: 1 } };
}

/** The same ratio in every round with a multiplicative drift shared by both versions: what pairing cancels. */
export function drifting(
  base: number,
  ratio: number,
  n: number,
  drift = 0.4,
  jitter = 0.01,
): [number[], number[]] {
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++) {
    const shared = 1 + drift * Math.sin(i * 1.7);
    const wobble = 1 + jitter * Math.cos(i * 2.3);
    b.push(base * shared);
    c.push(base * shared * ratio * wobble);
  }
  return [b, c];
}
