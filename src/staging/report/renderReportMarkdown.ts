import type { Aggregate, CriticalRegression, InvalidRun } from "./Aggregate.js";
import { formatP, signedPercent } from "./formatNumber.js";
import { renderModeTable } from "./renderModeTable.js";

/**
 * report.md: a header (the campaign's creation time is its only timestamp), one table per mode, the
 * critical regressions, the invalid runs with their reasons and a legend. Fixed order and number
 * formats, no locale: the same aggregate always renders to the same bytes. Ends with a newline.
 */
export function renderReportMarkdown(aggregate: Aggregate): string {
  const sections = [
    header(aggregate),
    ...aggregate.modes.map((table) => `## Mode \`${table.mode}\`\n\n${renderModeTable(table)}`),
    `## Regressions in critical metrics\n\n${criticalList(aggregate.regressions_in_critical)}`,
    `## Invalid runs\n\n${invalidList(aggregate.invalid_runs)}`,
    legend(aggregate),
  ];
  return `${sections.join("\n\n")}\n`;
}

function header(a: Aggregate): string {
  return [
    `# Campaign \`${a.campaign_id}\`: \`${a.candidate}\` vs \`${a.baseline}\``,
    "",
    `- baseline: \`${a.baseline}\``,
    `- candidate: \`${a.candidate}\``,
    `- runs: ${a.runs} rounds, seed ${a.seed}`,
    `- benchmark: \`${a.benchmark_hash.slice(0, 12)}\``,
    `- comparisons: ${a.comparisons}, Holm-adjusted; a verdict needs at least ${a.runs_needed} valid runs per version and mode`,
    `- created: ${a.created_at}`,
  ].join("\n");
}

function criticalList(regressions: readonly CriticalRegression[]): string {
  if (regressions.length === 0) return "none";
  return regressions
    .map((r) => `- \`${r.mode}\` ${r.metric}: ${signedPercent(r.delta_pct)} (p ${formatP(r.p_adjusted)})`)
    .join("\n");
}

function invalidList(runs: readonly InvalidRun[]): string {
  if (runs.length === 0) return "none";
  return runs
    .map(
      (r) =>
        `- \`${r.mode}\` \`${r.version}\` round ${r.round} (run ${r.run_index}): ${r.reasons.join("; ")}`,
    )
    .join("\n");
}

function legend(a: Aggregate): string {
  const alpha = String(a.alpha);
  return [
    "## Legend",
    "",
    `- improved / regressed: Holm-adjusted p < ${alpha} and the change of medians is outside the metric's noise band; improved is a move in the metric's better direction.`,
    `- ~: no difference shown (adjusted p ≥ ${alpha}, or a change within the noise band).`,
    `- too few runs: with these numbers of valid runs no data could reach an adjusted p < ${alpha}; as a CI: fewer than 6 valid runs.`,
    "- n/a: the metric is not published in that mode.",
    `- \`*\` critical metric: a regression blocks \`promote\` unless forced. n: valid runs baseline/candidate. Medians with a distribution-free 95% CI; delta: of medians, relative to the baseline; p: exact two-sided Mann–Whitney U, Holm-adjusted across ${a.comparisons} comparisons.`,
  ].join("\n");
}
