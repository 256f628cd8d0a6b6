import { describe, expect, it } from "vitest";
import { createRequestSequence, type SequenceItem } from "../../../../src/drivers/load/requestSequence.js";

function take(n: number, weights: number[], bodies: number[], seed: number): SequenceItem[] {
  const sequence = createRequestSequence(weights, bodies, seed);
  return Array.from({ length: n }, () => sequence.next());
}

describe("createRequestSequence", () => {
  it("is the same for the same seed and differs in body order for another seed", () => {
    expect(take(200, [2, 1], [5, 3], 42)).toEqual(take(200, [2, 1], [5, 3], 42));
    const bodies = (seed: number) => take(50, [1], [10], seed).map((i) => i.bodyIndex);
    expect(bodies(1)).not.toEqual(bodies(2));
  });

  it("interleaves functions in exact proportion to their weights in every prefix", () => {
    const items = take(300, [3, 1, 2], [1, 1, 1], 0);
    for (const prefix of [6, 60, 300]) {
      const counts = [0, 1, 2].map((fn) => items.slice(0, prefix).filter((i) => i.fn === fn).length);
      expect(counts).toEqual([prefix / 2, prefix / 6, prefix / 3]);
    }
    expect(items.slice(0, 6).map((i) => i.fn)).toEqual([0, 2, 0, 1, 2, 0]);
  });

  it("sends every body of a corpus once per pass, numbering items per function", () => {
    const items = take(40, [1, 1], [7, 13], 9);
    const first = items.filter((i) => i.fn === 0);
    expect(
      first
        .slice(0, 7)
        .map((i) => i.bodyIndex)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(first.map((i) => i.fnIndex)).toEqual(first.map((_, k) => k));
    expect(items.map((i) => i.index)).toEqual(items.map((_, k) => k));
  });
});
