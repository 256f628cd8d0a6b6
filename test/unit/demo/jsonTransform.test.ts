import { describe, expect, it } from "vitest";
import { BadInput } from "../../../experiments/demo/versions/baseline/snapshot/src/BadInput.js";
import {
  jsonTransform,
  MAX_DEPTH,
  type JsonValue,
} from "../../../experiments/demo/versions/baseline/snapshot/src/jsonTransform.js";

describe("json-transform", () => {
  it("flattens leaves to dotted paths sorted in code-unit order", () => {
    const result = jsonTransform({ b: { y: 1, x: [true, null] }, a: "s", "10": 1, "2": 2 });
    expect(result.flat).toEqual([
      ["10", 1],
      ["2", 2],
      ["a", "s"],
      ["b.x.0", true],
      ["b.x.1", null],
      ["b.y", 1],
    ]);
    expect(result.leaves).toBe(6);
  });

  it("escapes dots and backslashes inside keys", () => {
    expect(jsonTransform({ "a.b": { "c\\d": 1 } }).flat).toEqual([["a\\.b.c\\\\d", 1]]);
  });

  it("keeps empty containers as leaves", () => {
    expect(jsonTransform({ a: {}, b: [], c: [{}] }).flat).toEqual([
      ["a", {}],
      ["b", []],
      ["c.0", {}],
    ]);
    expect(jsonTransform({}).flat).toEqual([["", {}]]);
  });

  it("totals numeric leaves, rounded to 6 decimals", () => {
    const { numeric } = jsonTransform([0.1, 0.2, { n: -3 }, "7", 1e-9]);
    expect(numeric).toEqual({ count: 4, sum: -2.7, min: -3, max: 0.2, mean: -0.675 });
    expect(jsonTransform({ s: "x" }).numeric).toEqual({ count: 0, sum: 0, min: null, max: null, mean: null });
  });

  it("counts every value by type and measures the nesting depth", () => {
    const result = jsonTransform({ a: [1, "x", { b: false, c: null }], d: {} });
    expect(result.types).toEqual({ array: 1, boolean: 1, null: 1, number: 1, object: 3, string: 1 });
    expect(result.max_depth).toBe(3);
  });

  it("refuses a scalar document", () => {
    for (const doc of [1, "s", null, true] as JsonValue[]) {
      expect(() => jsonTransform(doc)).toThrow(BadInput);
    }
  });

  it(`refuses documents nested deeper than ${MAX_DEPTH} levels`, () => {
    const nest = (depth: number): JsonValue => (depth === 1 ? [] : [nest(depth - 1)]);
    expect(jsonTransform(nest(MAX_DEPTH)).max_depth).toBe(MAX_DEPTH);
    expect(() => jsonTransform(nest(MAX_DEPTH + 1))).toThrow(`deeper than ${MAX_DEPTH}`);
  });
});
