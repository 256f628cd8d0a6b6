import { describe, expect, it } from "vitest";
import { pinningPlan } from "../../../../src/drivers/cpu/index.js";

describe("pinningPlan", () => {
  it("pins nothing on one CPU", () => {
    expect(pinningPlan([0], false)).toEqual({
      a: [],
      b: [],
      load: null,
      note: "one CPU (0): nothing pinned; A, B and the load generator share it",
    });
  });

  it("gives A and B a CPU each on two, and says the load generator shares them", () => {
    expect(pinningPlan([0, 1], false)).toEqual({
      a: [0],
      b: [1],
      load: null,
      note: "A on CPU 0, B on CPU 1; with two CPUs the load generator cannot be kept off them and runs on both",
    });
  });

  it("keeps the load generator on the third CPU of three", () => {
    expect(pinningPlan([2, 0, 1], false)).toEqual({
      a: [1],
      b: [2],
      load: [0],
      note: "A on CPU 1, B on CPU 2, load generator on CPU 0",
    });
  });

  it("gives the load generator every CPU but A's and B's on eight", () => {
    const plan = pinningPlan([0, 1, 2, 3, 4, 5, 6, 7], false);
    expect(plan).toMatchObject({ a: [6], b: [7], load: [0, 1, 2, 3, 4, 5] });
    expect(plan.note).toBe("A on CPU 6, B on CPU 7, load generator on CPUs 0-5");
  });

  it("swaps A's and B's CPUs and nothing else", () => {
    for (const cpus of [[0, 1], [0, 1, 2], [0, 1, 2, 3, 4, 5, 6, 7], [0]]) {
      const [plain, swapped] = [pinningPlan(cpus, false), pinningPlan(cpus, true)];
      expect(swapped.a).toEqual(plain.b);
      expect(swapped.b).toEqual(plain.a);
      expect(swapped.load).toEqual(plain.load);
    }
  });

  it("works on the CPUs it is given, not on numbers from zero", () => {
    expect(pinningPlan([4, 9, 12], true)).toMatchObject({ a: [12], b: [9], load: [4] });
  });
});
