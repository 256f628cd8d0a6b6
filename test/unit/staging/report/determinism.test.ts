import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateCampaign,
  renderReportJson,
  renderReportMarkdown,
} from "../../../../src/staging/report/index.js";
import {
  aggregateComparison,
  renderAggregateComparisonJson,
  renderAggregateComparisonMarkdown,
} from "../../../../src/staging/report/prototype/index.js";
import type { CellSummary } from "../../../../src/staging/report/index.js";
import { at, loadFixture, demoPoint } from "./campaignCells.js";

const { identity, metrics, cells } = loadFixture();

function renderAll(input: readonly CellSummary[]): string[] {
  const aggregate = aggregateCampaign(identity, metrics, input, at(5));
  return [...renderReports(aggregate), ...renderComparison(input)];
}

function renderReports(aggregate: ReturnType<typeof aggregateCampaign>): string[] {
  return [renderReportMarkdown(aggregate), renderReportJson(aggregate)];
}

function renderComparison(input: readonly CellSummary[]): string[] {
  const comparison = aggregateComparison(identity, input);
  return [renderAggregateComparisonMarkdown(comparison), renderAggregateComparisonJson(comparison)];
}

describe("output for the same campaign", () => {
  const expected = renderAll(cells);

  it("is byte-identical whatever order the cells are read in", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length }),
        (shuffled) => {
          expect(renderAll(shuffled)).toEqual(expected);
        },
      ),
      { numRuns: 100, seed: 20261126 },
    );
  });

  it("is byte-identical for the demo's recorded campaign, rows per endpoint included, whatever the order", () => {
    const demo = loadFixture("campaign-demo");
    const render = (input: readonly CellSummary[]) =>
      renderReports(aggregateCampaign(demo.identity, demo.metrics, input, demoPoint()));
    const first = render(demo.cells);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(demo.cells, { minLength: demo.cells.length, maxLength: demo.cells.length }),
        (shuffled) => {
          expect(render(shuffled)).toEqual(first);
        },
      ),
      { numRuns: 20, seed: 20261206 },
    );
  });

  it("does not depend on the key order of the aggregate for report.json", () => {
    const aggregate = aggregateCampaign(identity, metrics, cells, at(5));
    expect(renderReportJson(reverseKeys(aggregate) as typeof aggregate)).toBe(expected[1]);
  });

  it("holds one timestamp, the campaign's creation", () => {
    const timestamps = (text: string): string[] => text.match(/\d{4}-\d\d-\d\dT[\d:.]+Z?/g) ?? [];
    expect(timestamps(expected[0] ?? "")).toEqual([identity.createdAt]);
    expect(timestamps(expected[1] ?? "")).toEqual([identity.createdAt]);
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}
