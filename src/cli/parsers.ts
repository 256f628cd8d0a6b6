import { InvalidArgumentError } from "commander";

/** A commander parser for a positive integer flag, with a message naming the flag. */
export function parsePositiveInt(flag: string): (value: string) => number {
  return (value) => {
    if (!/^[1-9]\d*$/.test(value))
      throw new InvalidArgumentError(`${flag} expects a positive integer, got '${value}'`);
    return Number(value);
  };
}

/** Collects a repeatable flag into a list. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
