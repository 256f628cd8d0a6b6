import { cv, max, mean, median, medianCI, min } from "../stats/index.js";
import type { SideStats } from "./Aggregate.js";

/** Statistics of one version's valid values (in canonical run order) of one metric in one mode. */
export function sideStats(values: readonly number[], nInvalid: number): SideStats {
  if (values.length === 0) {
    return {
      n_valid: 0,
      n_invalid: nInvalid,
      median: null,
      ci95: null,
      mean: null,
      min: null,
      max: null,
      cv: null,
    };
  }
  const ci = medianCI(values, 0.95);
  return {
    n_valid: values.length,
    n_invalid: nInvalid,
    median: median(values),
    ci95: ci === null ? null : { lo: ci.lo, hi: ci.hi },
    mean: mean(values),
    min: min(values),
    max: max(values),
    cv: cv(values),
  };
}
