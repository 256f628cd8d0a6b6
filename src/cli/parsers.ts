import { InvalidArgumentError } from "commander";

/** A documented range of a whole-number option, checked before anything runs. */
export interface IntRange {
  min: number;
  max: number;
  /** What the number counts, for the message. */
  what: string;
}

/**
 * The range of every numeric option of the command line (docs/testing.md lists them too). A value
 * outside is refused at parse time, before the lock is taken or anything is planned.
 */
export const OPTION_RANGES: Readonly<Record<string, IntRange>> = {
  "--runs": { min: 1, max: 1000, what: "rounds of a campaign" },
  "--max-runs": { min: 1, max: 1000, what: "the most rounds a campaign run until decided may take" },
  "--windows": { min: 1, max: 100, what: "measured windows per run" },
  "--concurrency": { min: 1, max: 64, what: "nodes working at once" },
  "--seed": { min: 0, max: 999_999_999, what: "the seed of the run order" },
};

/** Any other whole-number option: positive, and small enough to mean something. */
const DEFAULT_RANGE: IntRange = { min: 1, max: 1_000_000, what: "a count" };

/**
 * A commander parser for a whole-number flag within its documented range (`OPTION_RANGES`, else
 * 1 to 1,000,000), with a message naming the flag, the range and the value.
 */
export function parsePositiveInt(flag: string): (value: string) => number {
  return parseIntInRange(flag, OPTION_RANGES[flag] ?? DEFAULT_RANGE);
}

/** The seed of a campaign: a whole number from 0 to 999,999,999. */
export const parseSeed: (value: string) => number = parseIntInRange("--seed", OPTION_RANGES["--seed"]!);

/** A commander parser for a whole number in `range`; digits only (no signs, exponents or spaces). */
export function parseIntInRange(flag: string, range: IntRange): (value: string) => number {
  return (value) => {
    const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < range.min || n > range.max)
      throw new InvalidArgumentError(
        `${flag} expects a whole number from ${range.min} to ${range.max.toLocaleString("en-US")} (${range.what}), got '${value}'`,
      );
    return n;
  };
}

/** Collects a repeatable flag into a list. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
