import { quantile } from "./quantile.js";
import { seededRandom } from "./seededRandom.js";
import { assertSample } from "./sortedSample.js";

/** Options of `hierarchicalBootstrapCI`. */
export interface HierarchicalBootstrapOptions {
  /** Seed of `seededRandom`: the same seed gives the same interval, bit for bit. */
  seed: number | string;
  /** Number of bootstrap resamples (a positive integer; 2000 or more for a 95% interval). */
  resamples: number;
  /** Confidence level in (0, 1). */
  level: number;
}

/** A bootstrap estimate and its percentile interval. */
export interface BootstrapCI {
  /** The statistic of the original groups. */
  estimate: number;
  lo: number;
  hi: number;
}

/**
 * Two-level (hierarchical) bootstrap percentile interval (Davison & Hinkley 1997, §3.8; strategy "resample both
 * stages"): each resample draws as many groups (rounds) as there are, with replacement, then within each drawn
 * group as many items (windows) as it holds, with replacement; lo and hi are the (1 − level)/2 and (1 + level)/2
 * quantiles (type 7) of the statistic over the resamples. Deterministic for a seed.
 */
export function hierarchicalBootstrapCI(
  groups: readonly (readonly number[])[],
  statistic: (sample: readonly (readonly number[])[]) => number,
  options: HierarchicalBootstrapOptions,
): BootstrapCI {
  checkArguments(groups, options);
  const random = seededRandom(options.seed);
  const draw = (size: number): number => Math.floor(random() * size);
  const estimate = statistic(groups);
  const values: number[] = [];
  for (let r = 0; r < options.resamples; r++) {
    const sample: number[][] = [];
    for (let g = 0; g < groups.length; g++) {
      const group = groups[draw(groups.length)] ?? [];
      sample.push(Array.from({ length: group.length }, () => group[draw(group.length)] ?? NaN));
    }
    const value = statistic(sample);
    if (!Number.isFinite(value)) {
      throw new RangeError(`hierarchicalBootstrapCI: the statistic gave ${value} on resample ${r}`);
    }
    values.push(value);
  }
  const tail = (1 - options.level) / 2;
  return { estimate, lo: quantile(values, tail), hi: quantile(values, 1 - tail) };
}

function checkArguments(groups: readonly (readonly number[])[], options: HierarchicalBootstrapOptions): void {
  if (groups.length === 0) throw new RangeError("hierarchicalBootstrapCI: there are no groups");
  groups.forEach((group, i) => assertSample(group, `hierarchicalBootstrapCI (group ${i})`));
  if (!(Number.isInteger(options.resamples) && options.resamples >= 1)) {
    throw new RangeError(
      `hierarchicalBootstrapCI: resamples must be a positive integer, got ${options.resamples}`,
    );
  }
  if (!(options.level > 0 && options.level < 1)) {
    throw new RangeError(`hierarchicalBootstrapCI: level must lie in (0, 1), got ${options.level}`);
  }
}
