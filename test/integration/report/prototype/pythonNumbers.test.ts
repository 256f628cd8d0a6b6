import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pythonFloatRepr, pythonRound } from "../../../../src/staging/report/prototype/pythonFloat.js";
import { pythonMean, pythonMedian } from "../../../../src/staging/report/prototype/pythonStats.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { hasPython } from "./prototypeCampaign.js";

const python = requireOrSkip(hasPython, "python3");

const SCRIPT = `
import json, statistics, sys
data = json.load(sys.stdin)
out = {
  "repr": [repr(float(x)) for x in data["numbers"]],
  "round": [repr(round(float(x), 4)) for x in data["numbers"]],
  "mean": [repr(statistics.mean([float(x) for x in g])) for g in data["groups"]],
  "median": [repr(float(statistics.median([float(x) for x in g]))) for g in data["groups"]],
}
json.dump(out, sys.stdout)
`;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Doubles of every kind a metric can take, and some it cannot: ties at the 5th decimal, huge, tiny, negative. */
function numbers(count: number, random: () => number): number[] {
  const fixed = [
    0,
    -0,
    1,
    0.1,
    0.5,
    0.03125,
    -0.03125,
    0.00015,
    2.675,
    1e-5,
    1e-4,
    9.99995e-5,
    1e15,
    1e16,
    123456789012345680,
    2 ** 52 + 0.5,
  ];
  const out = [...fixed];
  while (out.length < count) {
    const kind = Math.floor(random() * 4);
    const sign = random() < 0.15 ? -1 : 1;
    if (kind === 0) out.push((sign * Math.round(random() * 1e6)) / 32);
    else if (kind === 1) out.push(sign * random() * 10 ** (Math.floor(random() * 28) - 8));
    else if (kind === 2) out.push(sign * Number((random() * 1000).toFixed(Math.floor(random() * 8))));
    else out.push(Math.round(random() * 9e9));
  }
  return out;
}

describe.runIf(python)("Python's float text, round() and statistics, against python3", () => {
  it("gives repr, round(x, 4), statistics.mean and statistics.median as Python does, on 20000 numbers and 3000 samples", () => {
    const random = mulberry32(7);
    const values = numbers(20_000, random);
    const groups = Array.from({ length: 3000 }, () => {
      const n = 1 + Math.floor(random() * 12);
      const scale = 10 ** (Math.floor(random() * 10) - 3);
      return Array.from({ length: n }, () =>
        Number((random() * scale).toPrecision(1 + Math.floor(random() * 17))),
      );
    });
    // String(-0) is "0": -0 goes to Python with its sign.
    const text = (x: number) => (Object.is(x, -0) ? "-0.0" : String(x));
    const input = JSON.stringify({ numbers: values.map(text), groups: groups.map((g) => g.map(text)) });
    const run = spawnSync("python3", ["-c", SCRIPT], { input, encoding: "utf8", maxBuffer: 64 << 20 });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as Record<"repr" | "round" | "mean" | "median", string[]>;
    expect(values.map((x) => pythonFloatRepr(x))).toEqual(expected.repr);
    expect(values.map((x) => pythonFloatRepr(pythonRound(x, 4)))).toEqual(expected.round);
    expect(groups.map((g) => pythonFloatRepr(pythonMean(g)!))).toEqual(expected.mean);
    expect(groups.map((g) => pythonFloatRepr(pythonMedian(g)!))).toEqual(expected.median);
  });
});
