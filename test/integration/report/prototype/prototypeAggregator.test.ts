import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  aggregateComparison,
  renderAggregateComparisonJson,
  renderAggregateComparisonMarkdown,
  type AggregateComparison,
} from "../../../../src/staging/report/prototype/index.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import {
  cellsReproducing,
  hasPrototypeFixtures,
  prototypeFixture,
} from "../../../unit/staging/report/prototype/prototypeFixture.js";
import { hasPython, runPrototypeAggregator, writeCampaign, type MeasuredRun } from "./prototypeCampaign.js";

const python = requireOrSkip(hasPython, "python3");

/** Every file under `dir` with the sha256 of its bytes. */
function digests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** Runs the prototype's aggregator into `<dir>/../python` and returns what it wrote. */
function prototypeOutput(dir: string): { json: string; md: string } {
  const out = join(dir, "..", "python");
  const result = runPrototypeAggregator(dir, out);
  expect(result.status, result.stderr).toBe(0);
  return {
    json: readFileSync(join(out, "aggregate-comparison.json"), "utf8"),
    md: readFileSync(join(out, "aggregate-comparison.md"), "utf8"),
  };
}

function stagingOutput(dir: string): { json: string; md: string } {
  return {
    json: readFileSync(join(dir, "aggregate-comparison.json"), "utf8"),
    md: readFileSync(join(dir, "aggregate-comparison.md"), "utf8"),
  };
}

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

/** A campaign of random figures: latencies with many decimals, exact ties at the 5th decimal, big heaps, zero fail rates. */
function randomRuns(seed: number): MeasuredRun[] {
  const random = mulberry32(seed);
  const pick = (scale: number) =>
    random() < 0.2
      ? Math.round(random() * scale * 32) / 32
      : Number((random() * scale).toPrecision(1 + Math.floor(random() * 16)));
  const rounds = 1 + Math.floor(random() * 9);
  const runs: MeasuredRun[] = [];
  for (let round = 1; round <= rounds; round++)
    for (const version of ["base-v1", "cand-v2"])
      for (const mode of ["native", "jvm"]) {
        const values: MeasuredRun["values"] = {
          p95: pick(50),
          p99: pick(120),
          fail_rate: random() < 0.7 ? 0 : pick(0.01),
          throughput: pick(900),
        };
        if (mode === "jvm") {
          values.heap_peak = Math.round(random() * 9e8);
          if (random() < 0.9) values.gc_pause = pick(0.5);
        }
        runs.push({ version, mode, round, values });
      }
  return runs;
}

describe.runIf(python)("the prototype's aggregator (python3) on the files staging writes", () => {
  it("reads the cell summaries, campaign.json and aggregate unchanged, and writes the same bytes as staging", () => {
    const dir = join(useTmpDir(), "campaign");
    writeCampaign(dir, "base-v1", "cand-v2", randomRuns(1));
    const before = digests(dir);
    const prototype = prototypeOutput(dir);
    expect(digests(dir)).toEqual(before);
    expect(prototype).toEqual(stagingOutput(dir));
    // jvm has gc_pause, native does not publish it: left out of its cells, so the prototype has no row.
    const rows = (JSON.parse(prototype.json) as AggregateComparison).rows.map(
      (r) => `${r.platform_mode} ${r.metric}`,
    );
    expect(rows).toContain("jvm gc_pause");
    expect(rows).not.toContain("native gc_pause");
  });

  it("agrees on 25 random campaigns (1 to 9 rounds, figures of every magnitude, exact rounding ties)", () => {
    const root = useTmpDir();
    for (let seed = 100; seed < 125; seed++) {
      const dir = join(root, String(seed), "campaign");
      writeCampaign(dir, "base-v1", "cand-v2", randomRuns(seed));
      expect(prototypeOutput(dir), `seed ${seed}`).toEqual(stagingOutput(dir));
    }
  });

  it("fails on a null metric, which is why staging leaves a missing metric out of its cells", () => {
    const dir = join(useTmpDir(), "campaign");
    writeCampaign(dir, "base-v1", "cand-v2", randomRuns(2));
    const file = join(dir, "runs/run-001/base-v1__native/cell-summary.json");
    const cell = JSON.parse(readFileSync(file, "utf8")) as { metrics: Record<string, unknown> };
    expect(cell.metrics).not.toHaveProperty("gc_pause");
    writeFileSync(file, JSON.stringify({ ...cell, metrics: { ...cell.metrics, gc_pause: null } }));
    const result = runPrototypeAggregator(dir, join(dir, "..", "python"));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("TypeError");
  });

  it("differs only by the invalid runs staging leaves out (the prototype knew no validity)", () => {
    const dir = join(useTmpDir(), "campaign");
    const runs = randomRuns(3);
    runs.push({
      version: "cand-v2",
      mode: "jvm",
      round: 10,
      values: { p95: 900, p99: 900, fail_rate: 0.5, throughput: 1 },
      invalid: "fail_rate over max_fail_rate",
    });
    writeCampaign(dir, "base-v1", "cand-v2", runs);
    expect(prototypeOutput(dir).json).not.toBe(stagingOutput(dir).json);
    rmSync(join(dir, "runs/run-010"), { recursive: true });
    expect(prototypeOutput(dir)).toEqual(stagingOutput(dir));
  });
});

describe.runIf(python && hasPrototypeFixtures)("the fixture's cells, aggregated by the prototype", () => {
  it("give the fixture's files, as they give them through staging", () => {
    const fixture = JSON.parse(prototypeFixture("aggregate-comparison.json")) as AggregateComparison;
    const dir = join(useTmpDir(), "campaign");
    const cells = cellsReproducing(fixture);
    cells.forEach((cell, i) => {
      const folder = join(dir, "runs", `run-00${(i % 2) + 1}`, `${cell.version_slug}__${cell.platform_mode}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "cell-summary.json"), JSON.stringify(cell, null, 2));
    });
    writeFileSync(join(dir, "campaign.json"), prototypeFixture("campaign.json"));
    const expected = {
      json: prototypeFixture("aggregate-comparison.json"),
      md: prototypeFixture("aggregate-comparison.md"),
    };
    expect(prototypeOutput(dir)).toEqual(expected);
    const aggregate = aggregateComparison(
      { baseline: fixture.baseline_slug, candidate: fixture.candidate_slug, modes: ["jvm", "native"] },
      cells,
    );
    expect({
      json: renderAggregateComparisonJson(aggregate),
      md: renderAggregateComparisonMarkdown(aggregate),
    }).toEqual(expected);
  });
});
