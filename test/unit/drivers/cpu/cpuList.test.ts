import { describe, expect, it } from "vitest";
import { formatCpuList, parseCpuList } from "../../../../src/drivers/cpu/index.js";

describe("parseCpuList", () => {
  it("reads single CPUs and ranges as the kernel writes them", () => {
    expect(parseCpuList("0-1\n")).toEqual([0, 1]);
    expect(parseCpuList("0-3,5,7-8")).toEqual([0, 1, 2, 3, 5, 7, 8]);
    expect(parseCpuList("")).toEqual([]);
  });

  it("refuses what is not a CPU list", () => {
    expect(parseCpuList("3-1")).toBeNull();
    expect(parseCpuList("0,a")).toBeNull();
    expect(parseCpuList("ff")).toBeNull();
  });
});

describe("formatCpuList", () => {
  it("writes runs of three or more as ranges, sorted and without repeats", () => {
    expect(formatCpuList([5, 0, 1, 2, 2])).toBe("0-2,5");
    expect(formatCpuList([1, 0])).toBe("0,1");
    expect(formatCpuList([7])).toBe("7");
  });

  it("gives back what parseCpuList reads", () => {
    for (const list of ["0-7", "0,2,4", "1,3-6,9"])
      expect(formatCpuList(parseCpuList(list) ?? [])).toBe(list);
  });
});
