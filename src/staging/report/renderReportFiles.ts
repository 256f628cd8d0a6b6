import type { RoundOutput } from "../measure/RoundOutput.js";
import type { Aggregate } from "./Aggregate.js";
import { renderReportHtml } from "./html/index.js";
import {
  aggregateComparison,
  renderAggregateComparisonJson,
  renderAggregateComparisonMarkdown,
} from "./prototype/index.js";
import { renderReportJson } from "./renderReportJson.js";
import { renderReportMarkdown } from "./renderReportMarkdown.js";

/** Every file of a campaign's report, by name: byte-identical for the same analysis and rounds. */
export async function renderReportFiles(
  aggregate: Aggregate,
  rounds: readonly RoundOutput[],
): Promise<Record<string, string>> {
  const cells = rounds.flatMap((r) => [r.baseline, r.candidate]);
  const comparison = aggregateComparison(
    {
      baseline: aggregate.baseline,
      candidate: aggregate.candidate,
      modes: aggregate.modes.map((m) => m.mode),
    },
    cells,
  );
  return {
    "report.md": renderReportMarkdown(aggregate),
    "report.json": renderReportJson(aggregate),
    "report.html": await renderReportHtml(aggregate, cells),
    "aggregate-comparison.json": renderAggregateComparisonJson(comparison),
    "aggregate-comparison.md": renderAggregateComparisonMarkdown(comparison),
  };
}
