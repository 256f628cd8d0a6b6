import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defineTask } from "../src/engine/defineTask.js";
import { sha256Hex } from "../src/engine/hashing.js";
import { campaignDir, roundsUpTo } from "../src/staging/campaign/CampaignPlan.js";
import { readCampaignJson, recordCellsExecuted } from "../src/staging/campaign/campaignFolder.js";
import type { CampaignWiring } from "../src/staging/campaign/CampaignWiring.js";
import type { ReportOutput } from "../src/staging/campaign/ReportOutput.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";
import type { RoundOutput } from "../src/staging/measure/RoundOutput.js";
import { renderReportFiles } from "../src/staging/report/renderReportFiles.js";
import { aggregateTask } from "./aggregate.js";

export type { ReportOutput } from "../src/staging/campaign/ReportOutput.js";

/** `report:<campaign>`: report.md, report.json, report.html and the prototype's aggregate-comparison files. */
export const reportTask = defineTask<CampaignWiring, ReportOutput, { campaign: string }>({
  name: "report",
  version: "5",
  id: (p) => nodeIds.report(p.campaign),
  idOf: (p) => ({ campaign: p.plan.id }),
  deps: (p) => [nodeIds.aggregate(p.plan.id)],
  // The rounds too: the HTML plots every run, not only the analysis.
  dynamicDeps: (p, read) =>
    roundsUpTo(p.plan, read(aggregateTask.ref({ campaign: p.plan.id })).rounds).map((r) =>
      nodeIds.round(p.plan.id, r.mode, r.round),
    ),
  inputs: () => ({}),
  run: async (p, ctx) => {
    const analysis = ctx.get(aggregateTask.ref({ campaign: p.plan.id }));
    const dir = join(p.workspace.root, campaignDir(p.plan.id));
    const createdAt = (await readCampaignJson(dir))?.created_at ?? "";
    const rounds = Object.entries(ctx.upstream)
      .filter(([id]) => id !== nodeIds.aggregate(p.plan.id))
      .map(([, round]) => round as RoundOutput);
    const files = await renderReportFiles({ ...analysis.aggregate, created_at: createdAt }, rounds);
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    await recordCellsExecuted(dir, 2 * rounds.length);
    return {
      campaign: p.plan.id,
      rounds: analysis.rounds,
      files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256Hex(text)])),
      regressions_in_critical: analysis.aggregate.regressions_in_critical,
      inconclusive_critical: analysis.aggregate.inconclusive_critical,
    };
  },
  check: async (p, record) => {
    const dir = join(p.workspace.root, campaignDir(p.plan.id));
    for (const [name, digest] of Object.entries(record.output.files)) {
      const text = await readFile(join(dir, name), "utf8").catch(() => null);
      if (text === null || sha256Hex(text) !== digest)
        return { ok: false, reason: `${name} is missing or was changed` };
    }
    return { ok: true };
  },
});
