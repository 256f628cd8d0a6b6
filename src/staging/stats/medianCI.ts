import { orderStat, sortedSample } from "./sortedSample.js";

/** A confidence interval of the median. */
export interface MedianCI {
  lo: number;
  hi: number;
  /** The confidence that was asked for. */
  confidence: number;
  /** The exact coverage of the chosen order statistics, ≥ confidence. */
  coverage: number;
}

/**
 * Distribution-free confidence interval of the median by order statistics (as benchstat does).
 * With x(1) ≤ … ≤ x(n) and B ~ Binomial(n, ½), the pair (x(j), x(n−j+1)) covers the true median with
 * probability P(j ≤ B ≤ n−j) = 1 − 2·P(B ≤ j−1). The rule: take the narrowest such symmetric pair, i.e.
 * the largest j, whose coverage is ≥ confidence. Returns null ("too few runs") when even (x(1), x(n))
 * falls short, i.e. when 1 − 2^(1−n) < confidence: n < 6 at 95%, n < 5 at 90%, n < 8 at 99%.
 */
export function medianCI(values: readonly number[], confidence = 0.95): MedianCI | null {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`medianCI: confidence must lie in (0, 1), got ${confidence}`);
  }
  const sorted = sortedSample(values, "medianCI");
  const choice = orderStatisticIndex(sorted.length, confidence);
  if (choice === null) return null;
  const { j, coverage } = choice;
  return { lo: orderStat(sorted, j - 1), hi: orderStat(sorted, sorted.length - j), confidence, coverage };
}

/** Largest 1-based j with 1 − 2·P(B ≤ j−1) ≥ confidence for B ~ Binomial(n, ½), or null when j = 1 fails. */
function orderStatisticIndex(n: number, confidence: number): { j: number; coverage: number } | null {
  // Coverage is computed in floating point; allow rounding so that e.g. n = 3 reaches exactly 0.75.
  const slack = 1e-12;
  let best: { j: number; coverage: number } | null = null;
  let logPmf = -n * Math.LN2; // log P(B = 0); pmf(i) = C(n, i) / 2^n, kept in logs so large n cannot underflow
  let tail = 0; // P(B ≤ j − 1)
  for (let j = 1; j <= Math.floor((n + 1) / 2); j++) {
    tail += Math.exp(logPmf);
    const coverage = Math.max(0, 1 - 2 * tail);
    if (coverage < confidence - slack) break;
    best = { j, coverage };
    logPmf += Math.log((n - j + 1) / j); // P(B = j) from P(B = j − 1)
  }
  return best;
}
