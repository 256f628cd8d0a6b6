import type { Command } from "commander";
import { checkSlugShape } from "../../staging/versions/index.js";
import { campaignRecords, type CampaignRecord } from "../campaignRecords.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";

export function campaignsAction(output: Output) {
  return async (candidate: string | undefined, flags: { json?: boolean }, command: Command) => {
    if (candidate !== undefined) checkSlugShape(candidate, "candidate");
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const rows = (await campaignRecords(ctx, candidate)).map(summary);
    if (flags.json) {
      output.out(JSON.stringify(rows, null, 2));
      return;
    }
    if (rows.length === 0) output.out(candidate ? `no campaign of ${candidate} yet` : "no campaigns yet");
    for (const r of rows) {
      output.out(
        `${r.id}  ${r.candidate} vs ${r.baseline}  ${r.state}  rounds ${r.rounds_done}/${r.rounds_planned.max === r.rounds_planned.min ? r.rounds_planned.max : `${r.rounds_planned.min}-${r.rounds_planned.max}`}  ${r.created_at}` +
          (r.verdicts ? `  ${r.verdicts}` : ""),
      );
    }
  };
}

/** `campaigns [<candidate>]`: every campaign with its versions, rounds, state and verdicts. Reads only. */

function summary(c: CampaignRecord) {
  const modes = c.json.modes.length;
  return {
    id: c.id,
    candidate: c.json.candidate,
    baseline: c.json.baseline,
    state: c.state,
    created_at: c.json.created_at,
    modes: c.json.modes,
    rounds_done: Math.floor(c.measured.length / Math.max(1, modes)),
    rounds_planned: c.json.rounds,
    verdicts: c.report
      ? c.report.regressions_in_critical.length > 0
        ? `critical regressions: ${c.report.regressions_in_critical.map((r) => `${r.mode} ${r.metric}`).join(", ")}`
        : "no critical regression"
      : null,
  };
}
