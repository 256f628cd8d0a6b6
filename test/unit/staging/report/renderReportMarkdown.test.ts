import { describe, expect, it } from "vitest";
import { aggregateCampaign, renderReportMarkdown } from "../../../../src/staging/report/index.js";
import {
  HIGHER,
  LOWER,
  identity,
  loadFixture,
  modeCells,
  ramp,
  versionCells,
  BASE,
  CAND,
  at,
} from "./campaignCells.js";

describe("renderReportMarkdown", () => {
  it("renders the fixture campaign (5 rounds: too few for an interval at 95%)", () => {
    const { identity: id, metrics, cells } = loadFixture();
    expect(renderReportMarkdown(aggregateCampaign(id, metrics, cells, at(5)))).toMatchInlineSnapshot(`
      "# Campaign \`c-20261126-fasttok\`: \`demo-fasttok-20261126\` vs \`demo-base-20261125\`

      - rounds: 5 (planned 5), seed 424242
      - design: duet: both versions loaded at once, 4 windows of 1 s per round
      - level: 0.0500 at this look (0.05 over the campaign, spent Pocock-type)
      - benchmark: \`9f3b6c1e2a7d\`
      - created: 2026-11-26T09:14:03Z

      ## Decision

      Not every critical metric is decided: promotion asks for \`--force\`.
      Undecided (critical):
      - \`node\` p95: -13.2% (p 0.375)
      - \`node\` fail_rate: — (p 0.750)
      - \`node\` throughput: +10.4% (p 0.375)
      - \`bun\` p95: -9.2% (p 0.500)
      - \`bun\` fail_rate: -25.0% (p 0.750)
      - \`bun\` throughput: +11.3% (p 0.500)
      Families (Holm within each): critical 6 (node p95, node fail_rate, node throughput, bun p95, bun fail_rate, bun throughput); other 5. Metrics equal in every round are left out of them.

      ## Mode \`node\`

      | metric       |  baseline → candidate |        change [CI] | +/- |     p | verdict        |
      | ------------ | --------------------: | -----------------: | --: | ----: | -------------- |
      | p95 *        |        14.1 → 12.3 ms |             -13.2% | 5/0 | 0.375 | too few rounds |
      | p99          |        21.4 → 19.5 ms |              -9.4% | 5/0 | 0.313 | too few rounds |
      | fail_rate *  |          0.00 → 0.04% |           +0.02 pp | 1/3 | 0.750 | too few rounds |
      | throughput * | 1497.0 → 1644.3 req/s |             +10.4% | 5/0 | 0.375 | too few rounds |
      | heap_peak    |     57.98 → 57.69 MiB | -0.1% [-1.1, +1.3] | 3/2 | 1.000 | equivalent     |
      | gc_pause     |          183 → 180 ms |              -4.0% | 4/1 | 1.000 | too few rounds |

      - p95: too few rounds; about 3 more rounds would probably decide it
      - p99: too few rounds; about 3 more rounds would probably decide it
      - fail_rate: too few rounds; about 17 more rounds would probably decide it
      - throughput: too few rounds; about 3 more rounds would probably decide it
      - gc_pause: too few rounds; about 10 more rounds would probably decide it
      - per endpoint: no run recorded figures per request name

      ## Mode \`bun\`

      | metric       |  baseline → candidate | change [CI] | +/- |     p | verdict        |
      | ------------ | --------------------: | ----------: | --: | ----: | -------------- |
      | p95 *        |        9.31 → 8.70 ms |       -9.2% | 4/0 | 0.500 | too few rounds |
      | p99          |        16.3 → 14.6 ms |       -9.2% | 4/0 | 0.500 | too few rounds |
      | fail_rate *  |          0.04 → 0.00% |    -0.01 pp | 2/0 | 0.750 | too few rounds |
      | throughput * | 2100.1 → 2339.3 req/s |      +11.3% | 4/0 | 0.500 | too few rounds |
      | heap_peak    |     40.78 → 41.19 MiB |       +1.1% | 2/2 | 1.000 | too few rounds |
      | gc_pause     |                   n/a |           — |   — |     — | n/a            |

      - p95: too few rounds; about 4 more rounds would probably decide it
      - p99: too few rounds; about 4 more rounds would probably decide it
      - fail_rate: too few rounds; about 43 more rounds would probably decide it
      - throughput: too few rounds; about 4 more rounds would probably decide it
      - heap_peak: too few rounds; about 1 more round would probably decide it
      - per endpoint: no run recorded figures per request name

      ## Invalid runs

      - \`bun\` \`demo-fasttok-20261126\` round 3: fail_rate 0.0231 over max_fail_rate 0.01; process exited with code 137 during the measured window

      ## Legend

      - baseline → candidate: the medians of the versions' valid runs.
      - change: candidate against baseline round by round; a ratio in percent, with its interval at this
        look's level (95.0%): Hodges-Lehmann on per-round log-ratios. An equivalent
        row shows its equivalence interval (90.0%) instead: the one its verdict rests on.
      - +/-: rounds in which the candidate did better / worse.
      - p: exact two-sided Wilcoxon signed-rank over rounds, Holm-adjusted within its family (critical,
        or the others).
      - improved / regressed: p below this look's level, and the interval on one side of no change.
      - equivalent: the 90.0% interval (two one-sided tests at this look's level)
        lies inside ± the metric's noise band; checked before the others.
      - inconclusive: neither yet; the notes under a table estimate the rounds that would decide it.
      - too few rounds: not enough paired rounds for an interval at this level.
      - n/a: not published in that mode. \`*\`: critical (a regression blocks \`promote\`).
      - per endpoint: the same comparison over the requests of one name (p95, throughput, fail_rate);
        never critical. Medians per version are in report.json and report.html.
      "
    `);
  });

  it("renders every verdict word, a critical regression and an invalid run", () => {
    const reason = { gc_pause: "not published in mode bun" };
    const gcGap = [0.05, null, null, null, null, null, null, null];
    const cells = [
      ...modeCells(
        "node",
        {
          p95: ramp(20, 0.1, 8),
          p99: ramp(30, 0.1, 8),
          throughput: ramp(1000, 1, 8),
          gc_pause: ramp(0.05, 0.001, 8),
          p50: ramp(10, 0, 8),
        },
        {
          p95: ramp(15, 0.1, 8),
          p99: ramp(36, 0.1, 8),
          throughput: ramp(1000.5, 1, 8),
          gc_pause: gcGap,
          p50: [10.6, 9.7, 10.9, 9.9, 10.4, 10.8, 9.6, 10.5],
        },
      ),
      ...versionCells(
        BASE,
        "bun",
        { p95: ramp(9, 0.1, 8), p99: ramp(14, 0.1, 8), throughput: ramp(2000, 1, 8) },
        reason,
      ),
      ...versionCells(
        CAND,
        "bun",
        { p95: ramp(9, 0.1, 8), p99: ramp(14, 0.1, 8), throughput: ramp(2300, 1, 8) },
        reason,
      ),
    ].map((cell) =>
      cell.platform_mode === "bun" && cell.version_slug === CAND && cell.round === 2
        ? { ...cell, valid: false, invalid_reasons: ["fail_rate 0.0300 over max_fail_rate 0.01"] }
        : cell,
    );
    const specs = {
      p95: { ...LOWER, critical: true },
      p99: { ...LOWER, critical: true },
      throughput: { ...HIGHER, critical: true },
      gc_pause: { ...LOWER, noise_band: 0.1 },
      p50: LOWER,
    };
    const markdown = renderReportMarkdown(aggregateCampaign(identity(["node", "bun"]), specs, cells, at(8)));
    expect(markdown).toMatchInlineSnapshot(`
      "# Campaign \`c-test\`: \`cand-v2\` vs \`base-v1\`

      - rounds: 8 (planned 8), seed 7
      - design: duet: both versions loaded at once, 4 windows of 1 s per round
      - level: 0.0500 at this look (0.05 over the campaign, spent Pocock-type)
      - benchmark: \`0123456789ab\`
      - created: 2026-01-02T03:04:05Z

      ## Decision

      Every critical metric is decided.
      Regressed (critical):
      - \`node\` p99: +19.8% (p 0.031)
      Families (Holm within each): critical 4 (node p95, node p99, node throughput, bun throughput); other 1. Metrics equal in every round are left out of them.

      ## Mode \`node\`

      | metric       |  baseline → candidate |           change [CI] | +/- |     p | verdict        |
      | ------------ | --------------------: | --------------------: | --: | ----: | -------------- |
      | p95 *        |        20.4 → 15.4 ms | -24.6% [-24.9, -24.3] | 8/0 | 0.031 | improved       |
      | p99 *        |        30.4 → 36.3 ms | +19.8% [+19.6, +19.9] | 0/8 | 0.031 | regressed      |
      | throughput * | 1003.5 → 1004.0 req/s |       0.0% [0.0, 0.0] | 8/0 | 0.031 | equivalent     |
      | gc_pause     |        53.5 → 50.0 ms |                  0.0% | 0/0 |     — | too few rounds |
      | p50          |        10.0 → 10.4 ms |    +2.6% [-2.5, +7.5] | 3/5 | 0.148 | inconclusive   |

      - p50: inconclusive; about 22 more rounds would probably decide it
      - per endpoint: no run recorded figures per request name

      ## Mode \`bun\`

      | metric       |  baseline → candidate |           change [CI] | +/- |     p | verdict        |
      | ------------ | --------------------: | --------------------: | --: | ----: | -------------- |
      | p95 *        |        9.35 → 9.40 ms |       0.0% [0.0, 0.0] | 0/0 |     — | equivalent     |
      | p99 *        |        14.4 → 14.4 ms |       0.0% [0.0, 0.0] | 0/0 |     — | equivalent     |
      | throughput * | 2003.5 → 2304.0 req/s | +15.0% [+15.0, +15.0] | 7/0 | 0.031 | improved       |
      | gc_pause     |                   n/a |                     — |   — |     — | n/a            |
      | p50          |     no data → no data |                     — | 0/0 |     — | too few rounds |

      - per endpoint: no run recorded figures per request name

      ## Invalid runs

      - \`bun\` \`cand-v2\` round 2: fail_rate 0.0300 over max_fail_rate 0.01

      ## Legend

      - baseline → candidate: the medians of the versions' valid runs.
      - change: candidate against baseline round by round; a ratio in percent, with its interval at this
        look's level (95.0%): Hodges-Lehmann on per-round log-ratios. An equivalent
        row shows its equivalence interval (90.0%) instead: the one its verdict rests on.
      - +/-: rounds in which the candidate did better / worse.
      - p: exact two-sided Wilcoxon signed-rank over rounds, Holm-adjusted within its family (critical,
        or the others).
      - improved / regressed: p below this look's level, and the interval on one side of no change.
      - equivalent: the 90.0% interval (two one-sided tests at this look's level)
        lies inside ± the metric's noise band; checked before the others.
      - inconclusive: neither yet; the notes under a table estimate the rounds that would decide it.
      - too few rounds: not enough paired rounds for an interval at this level.
      - n/a: not published in that mode. \`*\`: critical (a regression blocks \`promote\`).
      - per endpoint: the same comparison over the requests of one name (p95, throughput, fail_rate);
        never critical. Medians per version are in report.json and report.html.
      "
    `);
  });
});
