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
} from "./campaignCells.js";

describe("renderReportMarkdown", () => {
  it("renders the fixture campaign (5 rounds: too few for any verdict across 11 comparisons)", () => {
    const { identity: id, metrics, cells } = loadFixture();
    expect(renderReportMarkdown(aggregateCampaign(id, metrics, cells))).toMatchInlineSnapshot(`
      "# Campaign \`c-20261126-fasttok\`: \`demo-fasttok-20261126\` vs \`demo-base-20261125\`

      - baseline: \`demo-base-20261125\`
      - candidate: \`demo-fasttok-20261126\`
      - runs: 5 rounds, seed 424242
      - benchmark: \`9f3b6c1e2a7d\`
      - comparisons: 11, Holm-adjusted; a verdict needs at least 6 valid runs per version and mode
      - created: 2026-11-26T09:14:03Z

      ## Mode \`node\`

      | metric       | better |   n |           baseline [95% CI] |          candidate [95% CI] |           delta | p (Holm) | verdict      |
      | ------------ | ------ | --: | --------------------------: | --------------------------: | --------------: | -------: | ------------ |
      | p95 *        | lower  | 5/5 |      14.1 ms [too few runs] |      12.3 ms [too few runs] |          -12.6% |    0.087 | too few runs |
      | p99          | lower  | 5/5 |      21.4 ms [too few runs] |      19.5 ms [too few runs] |           -8.9% |    0.087 | too few runs |
      | fail_rate *  | lower  | 5/5 |        0.00% [too few runs] |        0.04% [too few runs] | +0.04% (from 0) |    1.000 | too few runs |
      | throughput * | higher | 5/5 | 1497.0 req/s [too few runs] | 1644.3 req/s [too few runs] |           +9.8% |    0.087 | too few runs |
      | heap_peak    | lower  | 5/5 |    57.98 MiB [too few runs] |    57.69 MiB [too few runs] |           -0.5% |    1.000 | too few runs |
      | gc_pause     | lower  | 5/5 |       183 ms [too few runs] |       180 ms [too few runs] |           -1.7% |    1.000 | too few runs |

      ## Mode \`bun\`

      | metric       | better |   n |           baseline [95% CI] |          candidate [95% CI] |   delta | p (Holm) | verdict                         |
      | ------------ | ------ | --: | --------------------------: | --------------------------: | ------: | -------: | ------------------------------- |
      | p95 *        | lower  | 5/4 |      9.31 ms [too few runs] |      8.70 ms [too few runs] |   -6.6% |    0.127 | too few runs                    |
      | p99          | lower  | 5/4 |      16.3 ms [too few runs] |      14.6 ms [too few runs] |  -10.2% |    0.127 | too few runs                    |
      | fail_rate *  | lower  | 5/4 |        0.04% [too few runs] |        0.00% [too few runs] | -100.0% |    1.000 | too few runs                    |
      | throughput * | higher | 5/4 | 2100.1 req/s [too few runs] | 2339.3 req/s [too few runs] |  +11.4% |    0.127 | too few runs                    |
      | heap_peak    | lower  | 5/4 |    40.78 MiB [too few runs] |    41.19 MiB [too few runs] |   +1.0% |    1.000 | too few runs                    |
      | gc_pause     | lower  |   — |                         n/a |                         n/a |       — |        — | n/a (not published in mode bun) |

      ## Regressions in critical metrics

      none

      ## Invalid runs

      - \`bun\` \`demo-fasttok-20261126\` round 3 (run 11): fail_rate 0.0231 over max_fail_rate 0.01; process exited with code 137 during the measured window

      ## Legend

      - improved / regressed: Holm-adjusted p < 0.05 and the change of medians is outside the metric's noise band; improved is a move in the metric's better direction.
      - ~: no difference shown (adjusted p ≥ 0.05, or a change within the noise band).
      - too few runs: with these numbers of valid runs no data could reach an adjusted p < 0.05; as a CI: fewer than 6 valid runs.
      - n/a: the metric is not published in that mode.
      - \`*\` critical metric: a regression blocks \`promote\` unless forced. n: valid runs baseline/candidate. Medians with a distribution-free 95% CI; delta: of medians, relative to the baseline; p: exact two-sided Mann–Whitney U, Holm-adjusted across 11 comparisons.
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
        },
        { p95: ramp(15, 0.1, 8), p99: ramp(36, 0.1, 8), throughput: ramp(1000.5, 1, 8), gc_pause: gcGap },
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
    };
    const markdown = renderReportMarkdown(aggregateCampaign(identity(["node", "bun"]), specs, cells));
    expect(markdown).toMatchInlineSnapshot(`
      "# Campaign \`c-test\`: \`cand-v2\` vs \`base-v1\`

      - baseline: \`base-v1\`
      - candidate: \`cand-v2\`
      - runs: 8 rounds, seed 7
      - benchmark: \`0123456789ab\`
      - comparisons: 7, Holm-adjusted; a verdict needs at least 6 valid runs per version and mode
      - created: 2026-01-02T03:04:05Z

      ## Mode \`node\`

      | metric       | better |   n |             baseline [95% CI] |            candidate [95% CI] |  delta | p (Holm) | verdict      |
      | ------------ | ------ | --: | ----------------------------: | ----------------------------: | -----: | -------: | ------------ |
      | p95 *        | lower  | 8/8 |          20.4 ms [20.0, 20.7] |          15.4 ms [15.0, 15.7] | -24.6% |    0.001 | improved     |
      | p99 *        | lower  | 8/8 |          30.4 ms [30.0, 30.7] |          36.3 ms [36.0, 36.7] | +19.8% |    0.001 | regressed    |
      | throughput * | higher | 8/8 | 1003.5 req/s [1000.0, 1007.0] | 1004.0 req/s [1000.5, 1007.5] |   0.0% |    1.000 | ~            |
      | gc_pause     | lower  | 8/1 |          53.5 ms [50.0, 57.0] |        50.0 ms [too few runs] |  -6.5% |    1.000 | too few runs |

      ## Mode \`bun\`

      | metric       | better |   n |             baseline [95% CI] |            candidate [95% CI] |  delta | p (Holm) | verdict                         |
      | ------------ | ------ | --: | ----------------------------: | ----------------------------: | -----: | -------: | ------------------------------- |
      | p95 *        | lower  | 8/7 |          9.35 ms [9.00, 9.70] |          9.40 ms [9.00, 9.70] |  +0.5% |    1.000 | ~                               |
      | p99 *        | lower  | 8/7 |          14.4 ms [14.0, 14.7] |          14.4 ms [14.0, 14.7] |  +0.3% |    1.000 | ~                               |
      | throughput * | higher | 8/7 | 2003.5 req/s [2000.0, 2007.0] | 2304.0 req/s [2300.0, 2307.0] | +15.0% |    0.002 | improved                        |
      | gc_pause     | lower  |   — |                           n/a |                           n/a |      — |        — | n/a (not published in mode bun) |

      ## Regressions in critical metrics

      - \`node\` p99: +19.8% (p 0.001)

      ## Invalid runs

      - \`bun\` \`cand-v2\` round 2 (run 1): fail_rate 0.0300 over max_fail_rate 0.01

      ## Legend

      - improved / regressed: Holm-adjusted p < 0.05 and the change of medians is outside the metric's noise band; improved is a move in the metric's better direction.
      - ~: no difference shown (adjusted p ≥ 0.05, or a change within the noise band).
      - too few runs: with these numbers of valid runs no data could reach an adjusted p < 0.05; as a CI: fewer than 6 valid runs.
      - n/a: the metric is not published in that mode.
      - \`*\` critical metric: a regression blocks \`promote\` unless forced. n: valid runs baseline/candidate. Medians with a distribution-free 95% CI; delta: of medians, relative to the baseline; p: exact two-sided Mann–Whitney U, Holm-adjusted across 7 comparisons.
      "
    `);
  });
});
