import { readFileSync } from "node:fs";
import type { Alternative, ZeroMethod } from "../../../../src/staging/stats/index.js";

/** The table written by scripts/stats/generate-paired-reference.py (scipy, exact Python fractions, brute force). */
export interface PairedReference {
  wilcoxonSignedRank: {
    name: string;
    d: number[];
    zeroMethod: ZeroMethod;
    alternative: Alternative;
    method: "auto" | "exact" | "approx";
    expected: { statistic: number; p: number; n: number; method: "exact" | "approx" };
    ties: boolean;
    zeros: number;
    checks: string[];
  }[];
  pairedHodgesLehmann: {
    name: string;
    d: number[];
    level: number;
    expected: { estimate: number; lo: number; hi: number; coverage: number } | null;
    check: string;
  }[];
  mannKendall: {
    name: string;
    values: number[];
    expected: { s: number; tau: number; p: number; slope: number; method: "exact" | "approx" };
    ties: boolean;
    checks: string[];
  }[];
  normalQuantile: [number, number][];
  alphaSpending: {
    looks: number[];
    alpha: number;
    spending: "pocock" | "obrien-fleming";
    increments: number[];
  }[];
  groupSequentialLevels: {
    looks: number[];
    alpha: number;
    spending: "pocock" | "obrien-fleming";
    levels: number[];
  }[];
  roundsNeeded: {
    spread: number;
    estimate: number;
    band: number;
    alpha: number;
    power: number;
    expected: { toDetect: number | null; toShowEquivalence: number | null };
  }[];
  mad: { values: number[]; raw: number; normal: number }[];
  seededRandom: { seed: number | string; first: number[] }[];
  hierarchicalBootstrap: {
    groups: number[][];
    seed: number;
    resamples: number;
    level: number;
    expected: { estimate: number; lo: number; hi: number };
  }[];
}

export const pairedReference = JSON.parse(
  readFileSync(new URL("../../../fixtures/stats/paired-reference.json", import.meta.url), "utf8"),
) as PairedReference;

/** Records the largest relative error seen per kind of check, for the summary test to print. */
export class ErrorLog {
  readonly worst = new Map<string, number>();

  /** |actual − expected| / |expected| (absolute when expected is 0), remembered under `kind`. */
  relative(kind: string, actual: number, expected: number): number {
    const diff = Math.abs(actual - expected);
    const error = expected === 0 ? diff : diff / Math.abs(expected);
    this.worst.set(kind, Math.max(this.worst.get(kind) ?? 0, error));
    return error;
  }
}
