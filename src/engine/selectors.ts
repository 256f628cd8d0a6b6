import picomatch from "picomatch";

/** Node ids matched by a selector: an exact id, or a glob such as `image:*:native`. */
export function matchSelector(selector: string, ids: Iterable<string>): string[] {
  const isMatch = picomatch(selector, { dot: true, nonegate: true });
  return [...ids].filter((id) => id === selector || isMatch(id));
}

/** True when any selector matches the id. */
export function anySelectorMatches(selectors: readonly string[], id: string): boolean {
  return selectors.some((s) => s === id || picomatch.isMatch(id, s, { dot: true, nonegate: true }));
}
