import type { RoundOutput } from "../measure/RoundOutput.js";
import type { Aggregate } from "./Aggregate.js";
import { compatAggregate } from "./compatAggregate.js";
import { renderReportHtml } from "./html/index.js";
import { renderAggregateMarkdown } from "./renderAggregateMarkdown.js";
import { renderAggregateJson, renderReportJson } from "./renderReportJson.js";
import { renderReportMarkdown } from "./renderReportMarkdown.js";

/** Every file of a campaign's report, by name: byte-identical for the same analysis and rounds. */
export async function renderReportFiles(
  aggregate: Aggregate,
  rounds: readonly RoundOutput[],
): Promise<Record<string, string>> {
  const cells = rounds.flatMap((r) => [r.baseline, r.candidate]);
  const compat = compatAggregate(aggregate);
  return {
    "report.md": renderReportMarkdown(aggregate),
    "report.json": renderReportJson(aggregate),
    "report.html": await renderReportHtml(aggregate, cells),
    "aggregate-comparison.json": renderAggregateJson(compat),
    "aggregate-comparison.md": renderAggregateMarkdown(compat),
  };
}
