import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { aggregateCampaign } from "../../../../../src/staging/report/index.js";
import { renderReportHtml } from "../../../../../src/staging/report/html/index.js";
import { escapeHtml } from "../../../../../src/staging/report/html/escapeHtml.js";
import { modeNotes } from "../../../../../src/staging/report/modeNotes.js";
import { compactCells, verdictCells } from "../../../../../src/staging/report/verdictCells.js";
import { at, loadFixture } from "../campaignCells.js";
import { markdownCells } from "./markdownCells.js";

const { identity, metrics, cells } = loadFixture();
const aggregate = aggregateCampaign(identity, metrics, cells, at(5));

describe("renderReportHtml on the fixture campaign", () => {
  let html: string;
  beforeAll(async () => {
    html = await renderReportHtml(aggregate, cells);
  });

  it("is byte-identical when rendered twice and for the cells in any order", async () => {
    const first = html;
    expect(await renderReportHtml(aggregate, cells)).toBe(first);
    expect(await renderReportHtml(aggregate, [...cells].reverse())).toBe(first);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length }),
        async (shuffled) => {
          expect(
            await renderReportHtml(aggregateCampaign(identity, metrics, shuffled, at(5)), shuffled),
          ).toBe(first);
        },
      ),
      { numRuns: 4, seed: 20261126 },
    );
  });

  it("holds one timestamp, the campaign's creation, and no random or repeated element id", async () => {
    expect(html.match(/\d{4}-\d\d-\d\dT[\d:.]+Z?/g)).toEqual([identity.createdAt]);
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]);
    expect(ids).toEqual(["changes", "mode-0", "mode-1", "critical", "legend"]);
  });

  it("is self-contained: no script, no reference outside the page", async () => {
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|\ssrc=/i);
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs.every((href) => href === "data:," || href?.startsWith("#"))).toBe(true);
    expect([...html.matchAll(/url\(([^)]*)\)/g)].map((match) => match[1])).toEqual([]);
    // The only URLs are the SVG namespaces, which are names, not fetched.
    const urls = new Set(html.match(/https?:\/\/[^\s"'<>]+/g));
    expect([...urls].sort()).toEqual(["http://www.w3.org/1999/xlink", "http://www.w3.org/2000/svg"]);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it("has the header facts, and the verdict tables hold the cells of report.md", async () => {
    for (const fact of [identity.campaignId, identity.baseline, identity.candidate, identity.benchmarkHash]) {
      expect(html).toContain(fact);
    }
    for (const table of aggregate.modes) {
      const markdownRows = markdownCells(table);
      expect(markdownRows).toEqual(table.metrics.map(compactCells));
      // The same cells, report.md with both medians in one: `14.1 → 12.3 ms`.
      for (const [i, row] of table.metrics.entries()) {
        const [name, baseline = "", candidate = "", ...rest] = verdictCells(row);
        const [mdName, medians, ...mdRest] = markdownRows[i]!;
        expect([mdName, ...mdRest]).toEqual([name, ...rest]);
        const bare = baseline.replace(/ ?[^\d.]+$/, "");
        if (row.verdict !== "n/a") expect(medians).toBe(`${bare} → ${candidate}`);
      }
    }
    expect(html).toContain(`<td class="num">14.1 ms</td>`);
    // A figure's caption names the change and the adjusted p of its row.
    expect(html).toContain(`<span class="facts">change -13.2%, p (Holm) 0.375</span>`);
    expect(html).toContain(`<span class="v v-few">too few rounds</span>`);
    expect(html).toContain(`<span class="v v-na">n/a</span>`);
  });

  it("lists under each verdict table the same notes as report.md", () => {
    for (const table of aggregate.modes) {
      const notes = modeNotes(table);
      expect(notes.length).toBeGreaterThan(0);
      for (const note of notes) {
        const item = escapeHtml(note).replace(/`([^`]*)`/g, "<code>$1</code>");
        expect(html).toContain(`<li>${item}</li>`);
      }
    }
  });

  it("plots every published metric of each mode twice, and says which one is not published", async () => {
    // Two plots per figure, and the ratio plot at the top.
    expect(html.match(/<svg /g)).toHaveLength(2 * 11 + 1);
    expect(html.match(/<figure class="metric" data-mode="node"/g)).toHaveLength(6);
    expect(html.match(/<figure class="metric" data-mode="bun"/g)).toHaveLength(5);
    expect(html).toContain(
      `<p class="no-plot" data-metric="gc_pause"><strong>gc_pause</strong>: not published in mode bun</p>`,
    );
  });

  it("marks the invalid run in red with its reasons, in every plot of its mode and in the list", async () => {
    const reasons =
      "fail_rate 0.0231 over max_fail_rate 0.01; process exited with code 137 during the measured window";
    const titles =
      html.match(/<title>candidate demo-fasttok-20261126, round 3 \(run 11\): [^<]*<\/title>/g) ?? [];
    expect(titles).toHaveLength(2 * 5);
    for (const title of titles) expect(title).toContain(`invalid (excluded): ${reasons}`);
    expect(html.match(/fill="#d62728"/g)?.length).toBeGreaterThanOrEqual(2 * 5);
    expect(html).toContain("<li>fail_rate 0.0231 over max_fail_rate 0.01</li>");
    expect(html).toContain("<li>process exited with code 137 during the measured window</li>");
  });
});
