import type { Command } from "commander";
import { ExitCode, StagingError } from "../../errors/index.js";
import { checkSlugShape, listVersions, pickVersion } from "../../staging/versions/index.js";
import { campaignGraph } from "../campaignGraph.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { runMake } from "../runMake.js";
import { withLock } from "../withLock.js";
import { request } from "./campaign.js";

export function registerPromote(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("promote")
    .description(
      "make the candidate the baseline, if its current campaign shows no regression in a critical metric",
    )
    .argument("<candidate>", "also --candidate <slug>")
    .option("--campaign-id <id>", "the campaign to promote by (default: the candidate's current one)")
    .option("--force", "promote despite regressions in critical metrics (recorded in version.yaml)")
    .action(async (candidate: string, flags: { campaignId?: string; force?: boolean }, command: Command) => {
      checkSlugShape(candidate, "candidate");
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      await withLock(ctx, `promote ${candidate}`, async () => {
        const version = pickVersion(await listVersions(ctx.workspace), candidate, ctx.workspace);
        if (version.status !== "candidate") throw notCandidate(candidate, version.status);
        const cg = await campaignGraph(ctx, {
          ...request(candidate, flags),
          promote: { force: flags.force ?? false },
        });
        const check = await runMake(ctx, cg.graph, [cg.goal], {
          dryRun: true,
          quiet: true,
          command: "promote",
        });
        const pending = check.summary.nodes.filter(
          (n) => n.status === "would-run" && n.id.startsWith("run:"),
        );
        if (pending.length > 0)
          throw stale(cg.plan.id, candidate, pending.length, cg.plan.schedule.length, pending[0]!.reason);
        const result = await runMake(ctx, cg.graph, [cg.goal], {
          locked: true,
          command: `promote ${candidate}`,
        });
        if (result.failed.length > 0) return setExit(ExitCode.nodeFailed);
        output.out(
          `${candidate} is the baseline now (campaign ${cg.plan.id}); ${cg.plan.identity.baseline} is archived-baseline`,
        );
      });
    });
}

function notCandidate(slug: string, status: string): StagingError {
  return new StagingError(`Only a candidate can be promoted; ${slug} is ${status}`, {
    code: "E_PROMOTE_STATUS",
    facts: { version: slug, status, expected: "candidate" },
    hint: `mark it first: staging mark ${slug} candidate`,
  });
}

function stale(id: string, candidate: string, pending: number, total: number, why: string): StagingError {
  return new StagingError(
    `No completed campaign of ${candidate} against the current baseline with current inputs`,
    {
      code: "E_PROMOTE_NO_CAMPAIGN",
      facts: { campaign: id, measured: `${total - pending} of ${total} runs`, "first pending run": why },
      hint: `run \`staging run-campaign ${candidate}\` first; an edited snapshot or benchmark makes a new campaign`,
    },
  );
}
