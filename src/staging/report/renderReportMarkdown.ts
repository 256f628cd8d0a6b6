import type { Aggregate, CriticalFinding, InvalidRun, ModeTable } from "./Aggregate.js";
import { fixed, formatP, signedPercent } from "./formatNumber.js";
import { renderEndpointTable, renderModeTable } from "./renderModeTable.js";
import { modeNotes } from "./modeNotes.js";
import { intervalLevels } from "./verdictCells.js";

/**
 * report.md: a header (the campaign's creation time is its only timestamp), one table per mode
 * with what qualifies it (warm-up, busy windows, CPU placement), the decision, the invalid runs and
 * a legend. Fixed order and number formats, no locale: the same aggregate always renders to the
 * same bytes. Lines stay within 100 columns where the names allow. Ends with a newline.
 */
export function renderReportMarkdown(aggregate: Aggregate): string {
  const sections = [
    header(aggregate),
    `## Decision\n\n${decision(aggregate)}`,
    ...aggregate.modes.map((table) => modeSection(table)),
    `## Invalid runs\n\n${invalidList(aggregate.invalid_runs)}`,
    legend(aggregate),
  ];
  return `${sections.join("\n\n")}\n`;
}

function header(a: Aggregate): string {
  const planned =
    a.rounds_planned.min === a.rounds_planned.max
      ? `${a.rounds_planned.max}`
      : `${a.rounds_planned.min} to ${a.rounds_planned.max}, looks at ${a.looks.join(", ")}`;
  const design =
    a.design.mode === "duet"
      ? `duet: both versions loaded at once, ${a.design.windows} windows of ${a.design.window_s} s per round`
      : `alternate: one version loaded at a time, ${a.design.windows} windows of ${a.design.window_s} s each per round`;
  return [
    `# Campaign \`${a.campaign_id}\`: \`${a.candidate}\` vs \`${a.baseline}\``,
    "",
    `- rounds: ${a.rounds} (planned ${planned}), seed ${a.seed}`,
    `- design: ${design}`,
    `- level: ${fixed(a.alpha_look, 4)} at this look (${a.alpha} over the campaign, spent Pocock-type)`,
    `- benchmark: \`${a.benchmark_hash.slice(0, 12)}\``,
    `- created: ${a.created_at}`,
  ].join("\n");
}

function decision(a: Aggregate): string {
  const lines = [
    a.decided
      ? "Every critical metric is decided."
      : "Not every critical metric is decided: promotion asks for `--force`.",
  ];
  const list = (title: string, items: readonly CriticalFinding[]) =>
    items.length === 0
      ? []
      : [
          `${title}:`,
          ...items.map(
            (f) => `- \`${f.mode}\` ${f.metric}: ${signedPercent(f.delta_pct)} (p ${formatP(f.p_adjusted)})`,
          ),
        ];
  lines.push(...list("Regressed (critical)", a.regressions_in_critical));
  lines.push(...list("Undecided (critical)", a.inconclusive_critical));
  const endpointRows = a.modes.flatMap((m) => m.endpoints.flatMap((e) => e.metrics));
  const inFamily = endpointRows.filter((row) => row.family === "secondary").length;
  const ofThem = endpointRows.length > 0 ? ` (${inFamily} of them endpoint rows, never critical)` : "";
  lines.push(
    `Families (Holm within each): critical ${a.families.critical.length} (${a.families.critical.join(", ") || "none"}); ` +
      `other ${a.families.secondary.length}${ofThem}. Metrics equal in every round are left out of them.`,
  );
  return lines.join("\n");
}

function modeSection(table: ModeTable): string {
  const notes = modeNotes(table).map((note) => `- ${note}`);
  const endpoints =
    table.endpoints.length === 0
      ? []
      : [
          "",
          "Per endpoint (request name; in the other family, never critical):",
          "",
          renderEndpointTable(table),
        ];
  return [
    `## Mode \`${table.mode}\``,
    "",
    renderModeTable(table),
    ...(notes.length > 0 ? ["", ...notes] : []),
    ...endpoints,
  ].join("\n");
}

function invalidList(runs: readonly InvalidRun[]): string {
  if (runs.length === 0) return "none";
  return runs
    .map((r) => `- \`${r.mode}\` \`${r.version}\` round ${r.round}: ${r.reasons.join("; ")}`)
    .join("\n");
}

function legend(a: Aggregate): string {
  const level = intervalLevels(a);
  return [
    "## Legend",
    "",
    "- baseline → candidate: the medians of the versions' valid runs.",
    "- change: candidate against baseline round by round; a ratio in percent, with its interval at this",
    `  look's level (${level.shown}%): Hodges-Lehmann on per-round log-ratios. An equivalent`,
    `  row shows its equivalence interval (${level.equivalence}%) instead: the one its verdict rests on.`,
    "- +/-: rounds in which the candidate did better / worse.",
    "- p: exact two-sided Wilcoxon signed-rank over rounds, Holm-adjusted within its family (critical,\n  or the others).",
    "- improved / regressed: p below this look's level, and the interval on one side of no change.",
    `- equivalent: the ${level.equivalence}% interval (two one-sided tests at this look's level)`,
    "  lies inside ± the metric's noise band; checked before the others.",
    "- inconclusive: neither yet; the notes under a table estimate the rounds that would decide it.",
    "- too few rounds: not enough paired rounds for an interval at this level.",
    "- n/a: not published in that mode. `*`: critical (a regression blocks `promote`).",
    "- per endpoint: the same comparison over the requests of one name (p95, throughput, fail_rate);",
    "  never critical. Medians per version are in report.json and report.html.",
  ].join("\n");
}
