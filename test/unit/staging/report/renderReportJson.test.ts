import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import schema from "../../../../schemas/report.schema.json" with { type: "json" };
import { aggregateCampaign, renderReportJson } from "../../../../src/staging/report/index.js";
import { LOWER, at, identity, loadFixture, modeCells, ramp, demoPoint } from "./campaignCells.js";

const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const { identity: id, metrics, cells } = loadFixture();
const aggregate = aggregateCampaign(id, metrics, cells, at(5));
const json = renderReportJson(aggregate);

describe("renderReportJson", () => {
  it("is valid against schemas/report.schema.json", () => {
    const parsed: unknown = JSON.parse(json);
    expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("validates a report with improved, regressed and critical rows too", () => {
    const small = modeCells(
      "node",
      { p95: ramp(20, 0.1, 8), p99: [1, 2] },
      { p95: ramp(25, 0.1, 8), p99: [] },
    );
    const other = aggregateCampaign(
      identity(),
      { p95: { ...LOWER, critical: true }, p99: LOWER },
      small,
      at(8),
    );
    expect(other.regressions_in_critical).toHaveLength(1);
    expect(validate(JSON.parse(renderReportJson(other))), JSON.stringify(validate.errors)).toBe(true);
  });

  it("validates the demo's recorded campaign, with its rows per endpoint", () => {
    const demo = loadFixture("campaign-demo");
    const report: unknown = JSON.parse(
      renderReportJson(aggregateCampaign(demo.identity, demo.metrics, demo.cells, demoPoint())),
    );
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect((report as { modes: Array<{ endpoints: unknown[] }> }).modes[0]!.endpoints).toHaveLength(2);
  });

  it("the schema refuses what is not a report", () => {
    const broken = JSON.parse(json) as { modes: Array<{ metrics: Array<Record<string, unknown>> }> };
    const row = broken.modes[0]?.metrics[0];
    if (row) row["verdict"] = "better";
    expect(validate(broken)).toBe(false);
  });

  it("is the aggregate with keys sorted at every depth, newline-terminated", () => {
    expect(json.endsWith("}\n")).toBe(true);
    expect(JSON.parse(json)).toEqual(aggregate);
    expect(json.indexOf('"alpha"')).toBeLessThan(json.indexOf('"baseline"'));
    expect(json.indexOf('"ci95"')).toBeLessThan(json.indexOf('"cv"'));
  });
});
