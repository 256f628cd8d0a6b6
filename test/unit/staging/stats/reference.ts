import { readFileSync } from "node:fs";

/** The table written by scripts/stats/generate-reference.py (scipy / numpy / exact Python integers). */
export interface Reference {
  mannWhitneyU: {
    name: string;
    a: number[];
    b: number[];
    u: number;
    p: number;
    method: "exact" | "normal";
    ties: boolean;
  }[];
  medianCI: {
    n: number;
    confidence: number;
    values?: number[];
    expected: { j: number; lo: number; hi: number; coverage: number } | null;
  }[];
  holm: { p: number[]; adjusted: number[] }[];
  summary: {
    values: number[];
    quantiles: [number, number][];
    median: number;
    mean: number;
    min: number;
    max: number;
    stddev: number | null;
    cv: number | null;
  }[];
  hodgesLehmann: { a: number[]; b: number[]; shift: number }[];
  erfc: [number, number][];
}

export const reference = JSON.parse(
  readFileSync(new URL("../../../fixtures/stats/reference.json", import.meta.url), "utf8"),
) as Reference;

/** |actual − expected| ≤ rel·|expected| (or ≤ rel when expected is 0). */
export function relativeError(actual: number, expected: number): number {
  const diff = Math.abs(actual - expected);
  return expected === 0 ? diff : diff / Math.abs(expected);
}
