import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { LoadRequestSpec } from "../../../../src/drivers/load/index.js";
import { ResponseSampler, splitByWeight } from "../../../../src/drivers/load/ResponseSampler.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const spec = (name: string, weight: number, answers: string[]): LoadRequestSpec => ({
  name,
  method: "POST",
  path: `/${name}`,
  weight,
  contentType: "application/json",
  bodies: answers.map((a, i) => ({ body: String(i), responseSha256: sha(a).toUpperCase() })),
});

describe("splitByWeight", () => {
  it.each([
    [50, [1], [50]],
    [50, [2, 1], [33, 17]],
    [10, [1, 1, 1], [4, 3, 3]],
    [5, [100, 1], [4, 1]],
    [1, [1, 1], [1, 0]],
    [0, [1, 2], [0, 0]],
  ])("splits %d over %j as %j", (total, weights, expected) => {
    expect(splitByWeight(total, weights)).toEqual(expected);
  });
});

describe("ResponseSampler", () => {
  it("checks the first quota of each function against response_sha256, case-insensitively", () => {
    const sampler = new ResponseSampler([spec("a", 1, ["A0", "A1"]), spec("b", 1, ["B0"])], 4);
    const item = (fn: number, fnIndex: number, bodyIndex: number) => ({ index: 0, fn, fnIndex, bodyIndex });
    expect(sampler.wants(item(0, 1, 0))).toBe(true);
    expect(sampler.wants(item(0, 2, 0))).toBe(false);
    sampler.check(item(0, 0, 1), Buffer.from("A1"));
    sampler.check(item(1, 0, 0), Buffer.from("not B0"));
    expect(sampler.checked).toBe(2);
    expect(sampler.mismatched).toBe(1);
    expect(sampler.mismatches[0]).toMatchObject({
      function: "b",
      bodyIndex: 0,
      expectedSha256: sha("B0"),
      preview: "not B0",
    });
    expect(sampler.invalidReason()).toBe(
      "response mismatch: 1 of 2 sampled responses differ from response_sha256 (b: 1)",
    );
  });

  it("has no reason when every sampled response matched", () => {
    const sampler = new ResponseSampler([spec("a", 1, ["A0"])], 1);
    sampler.check({ index: 0, fn: 0, fnIndex: 0, bodyIndex: 0 }, Buffer.from("A0"));
    expect(sampler.invalidReason()).toBeNull();
  });
});
