import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defineTask } from "../src/engine/defineTask.js";
import { sha256Hex } from "../src/engine/hashing.js";
import type { CampaignPlan } from "../src/staging/campaign/CampaignPlan.js";
import type { CellSummary } from "../src/staging/measure/CellSummary.js";
import { renderReportHtml } from "../src/staging/report/html/index.js";
import { renderReportJson, renderReportMarkdown, type Aggregate } from "../src/staging/report/index.js";

export interface ReportParams {
  plan: CampaignPlan;
}

/** What a report node records: where the reports are and what they hold. */
export interface ReportOutput {
  campaign: string;
  files: Record<string, string>;
  regressions_in_critical: Aggregate["regressions_in_critical"];
}

/** `report:<campaign>`: report.md, report.json and report.html (plots), byte-identical for the same runs. */
export const reportTask = defineTask<ReportParams, ReportOutput>({
  name: "report",
  version: "2",
  id: (p) => `report:${p.plan.id}`,
  // The runs too: the HTML plots every run, not only the aggregate.
  deps: (p) => [
    `aggregate:${p.plan.id}`,
    ...p.plan.schedule.map((r) => `run:${p.plan.id}:${r.version}:${r.mode}:${r.round}`),
  ],
  inputs: () => ({}),
  run: async (p, ctx) => {
    const aggregate = ctx.upstream[`aggregate:${p.plan.id}`] as Aggregate;
    const files: Record<string, string> = {
      "report.md": renderReportMarkdown(aggregate),
      "report.json": renderReportJson(aggregate),
    };
    const cells = Object.entries(ctx.upstream)
      .filter(([id]) => id.startsWith("run:"))
      .map(([, cell]) => cell as CellSummary);
    files["report.html"] = await renderReportHtml(aggregate, cells);
    for (const [name, text] of Object.entries(files)) await writeFile(join(p.plan.dir, name), text);
    return {
      campaign: p.plan.id,
      files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256Hex(text)])),
      regressions_in_critical: aggregate.regressions_in_critical,
    };
  },
  check: async (p, record) => {
    for (const [name, digest] of Object.entries(record.output.files)) {
      const text = await readFile(join(p.plan.dir, name), "utf8").catch(() => null);
      if (text === null || sha256Hex(text) !== digest)
        return { ok: false, reason: `${name} is missing or was changed` };
    }
    return { ok: true };
  },
});
