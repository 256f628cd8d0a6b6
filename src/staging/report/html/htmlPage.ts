import type { Aggregate, CriticalFinding } from "../Aggregate.js";
import { formatP, signedPercent } from "../formatNumber.js";
import { escapeHtml } from "./escapeHtml.js";
import { PAGE_STYLE } from "./pageStyle.js";
import { intervalLevels } from "../verdictCells.js";

/** No request leaves the page: no scripts, no fetches; styles and images only inline. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The whole report.html around its sections (the changes, then the modes): head, header, decision, legend. */
export function htmlPage(aggregate: Aggregate, sections: readonly string[]): string {
  const title = `Campaign ${aggregate.campaign_id}: ${aggregate.candidate} vs ${aggregate.baseline}`;
  return [
    "<!DOCTYPE html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<link rel="icon" href="data:,">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${PAGE_STYLE}\n</style>`,
    "</head>",
    "<body>",
    header(aggregate, title),
    ...sections,
    `<section id="critical">\n<h2>Decision</h2>\n<p>${aggregate.decided ? "Every critical metric is decided." : "Not every critical metric is decided: promotion asks for <code>--force</code>."}</p>\n<h3>Regressed (critical)</h3>\n${criticalList(aggregate.regressions_in_critical)}\n<h3>Undecided (critical)</h3>\n${criticalList(aggregate.inconclusive_critical)}\n</section>`,
    legend(aggregate),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function header(a: Aggregate, title: string): string {
  const facts: Array<[string, string]> = [
    ["baseline", `<code>${escapeHtml(a.baseline)}</code>`],
    ["candidate", `<code>${escapeHtml(a.candidate)}</code>`],
    ["rounds", `${a.rounds} (planned ${a.rounds_planned.min}–${a.rounds_planned.max}), seed ${a.seed}`],
    ["design", `${a.design.mode}, ${a.design.windows} window(s) of ${a.design.window_s} s`],
    ["level", `${escapeHtml(a.alpha_look.toFixed(4))} at this look (${a.alpha} over the campaign)`],
    ["benchmark", `<code>${escapeHtml(a.benchmark_hash)}</code>`],
    ["families", families(a)],
    ["invalid runs", String(a.invalid_runs.length)],
    ["created", escapeHtml(a.created_at)],
  ];
  const rows = facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("\n");
  const links = a.modes.map((m, i) => `<a href="#mode-${i}">mode <code>${escapeHtml(m.mode)}</code></a>`);
  return [
    `<header>\n<h1>${escapeHtml(title)}</h1>`,
    `<dl class="facts">\n${rows}\n</dl>`,
    `<nav>${[`<a href="#changes">changes</a>`, ...links, `<a href="#critical">decision</a>`, `<a href="#legend">how to read</a>`].join("")}</nav>`,
    "</header>",
  ].join("\n");
}

function criticalList(regressions: readonly CriticalFinding[]): string {
  if (regressions.length === 0) return `<p class="none">none</p>`;
  const items = regressions.map(
    (r) =>
      `<li><code>${escapeHtml(r.mode)}</code> ${escapeHtml(r.metric)}: ${escapeHtml(signedPercent(r.delta_pct))} (p ${escapeHtml(formatP(r.p_adjusted))})</li>`,
  );
  return `<ul>\n${items.join("\n")}\n</ul>`;
}

/** The families' sizes, and how many of the secondary one are endpoint rows (never critical). */
function families(a: Aggregate): string {
  const endpointRows = a.modes.flatMap((m) => m.endpoints.flatMap((e) => e.metrics));
  const inFamily = endpointRows.filter((row) => row.family === "secondary").length;
  const ofThem = endpointRows.length > 0 ? `, ${inFamily} of them endpoint rows, never critical` : "";
  return `critical ${a.families.critical.length}, other ${a.families.secondary.length}${ofThem} (Holm within each)`;
}

function legend(a: Aggregate): string {
  const level = intervalLevels(a);
  const items = [
    `change: candidate against baseline round by round (ratio in percent), with its interval at this look's level (${level.shown}%): Hodges-Lehmann on per-round log-ratios; an equivalent row shows its equivalence interval (${level.equivalence}%) instead, the one its verdict rests on. +/-: rounds in which the candidate did better / worse. p: exact two-sided Wilcoxon signed-rank over rounds, Holm-adjusted within its family.`,
    `improved / regressed: p below this look's level, and the interval on one side of no change. equivalent: the ${level.equivalence}% interval (two one-sided tests at this look's level) lies inside ± the metric's noise band; checked before the others. inconclusive: neither yet (the notes under the table estimate the rounds that would decide it). too few rounds: no interval at this level yet. n/a: not published in that mode. * critical metric: a regression blocks <code>promote</code> unless forced.`,
    `Ratio plots (changes, per endpoint): the dot is the change candidate / baseline, the bar its interval, on a log axis; the dashed line at 1 is no change, the grey band the noise band; the colour is the verdict. A change that is a difference (a value was 0, as a failure rate often is) has no ratio and is named under the plot.`,
    `Per endpoint: the requests of one name of the benchmark, compared as the whole is; in the secondary family, never critical.`,
    `Latency distributions: each version's valid runs together (histograms added), the share of requests answered within each latency on a log axis; the y axis is stretched toward the tail; dots mark p50, p95 and p99.`,
    `Runs plot: one point per run (spread sideways by round), the black tick is the median of the valid runs, the translucent bar its 95% CI (drawn from 6 valid runs on).`,
    `Run order: value by round, a line per version through its valid runs. A trend along the rounds is drift; a first round apart from the others is a warm-up (warm state) effect.`,
    ...(a.invalid_runs.length > 0
      ? [
          `<span class="key-invalid">✚</span> a red cross is an invalid run: drawn where its value was, left out of every statistic; hover it for the reasons, listed under each mode too. A red triangle is an invalid run too far off for the axis, which is fitted to the valid runs: it sits at the edge it lies beyond.`,
        ]
      : []),
  ];
  return `<section id="legend">\n<h2>How to read</h2>\n<ul>\n${items.map((item) => `<li>${item}</li>`).join("\n")}\n</ul>\n</section>`;
}
