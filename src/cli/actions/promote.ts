import type { Command } from "commander";
import { ExitCode, StagingError } from "../../errors/index.js";
import type { CampaignPlan } from "../../staging/campaign/CampaignPlan.js";
import { nodeIds } from "../../staging/graph/nodeIds.js";
import { checkSlugShape, pickVersion } from "../../staging/versions/index.js";
import type { PromoteOutput } from "../../../tasks/promote.js";
import { pickCampaign, requestOf, type CampaignRecord } from "../campaignRecords.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { runMake } from "../runMake.js";
import { withLock } from "../withLock.js";

export function promoteAction(output: Output, setExit: (code: number) => void) {
  return async (
    candidate: string,
    flags: { campaignId?: string; force?: boolean; json?: boolean },
    command: Command,
  ) => {
    checkSlugShape(candidate, "candidate");
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    await withLock(ctx, `promote ${candidate}`, async () => {
      const version = pickVersion(await ctx.versions(), candidate, ctx.workspace);
      if (version.status !== "candidate") throw notCandidate(candidate, version.status);
      const campaign = await pickCampaign(ctx, candidate, flags.campaignId);
      if (campaign.state !== "complete") throw incomplete(campaign);
      output.err(`promoting by campaign ${campaign.id}`);
      const graph = await ctx.graph({
        campaigns: [requestOf(campaign)],
        forcePromote: flags.force ?? false,
      });
      const goal = nodeIds.promote(candidate);
      const check = await runMake(ctx, graph, [nodeIds.campaign(candidate)], {
        dryRun: true,
        quiet: true,
        command: "promote",
      });
      const plan = check.outputs.get(nodeIds.plan(candidate)) as CampaignPlan | undefined;
      const pending = check.summary.nodes.find(
        (n) => n.status !== "up-to-date" && n.id !== nodeIds.plan(candidate),
      );
      if (!plan || plan.key !== campaign.plan.key || pending) throw stale(campaign, plan, pending?.id);
      const result = await runMake(ctx, graph, [goal], { locked: true, command: `promote ${candidate}` });
      if (result.failed.length > 0) return setExit(ExitCode.nodeFailed);
      const done = result.outputs.get(goal) as PromoteOutput;
      if (flags.json) output.out(JSON.stringify(done, null, 2));
      else
        output.out(
          `${candidate} is the baseline now (campaign ${done.campaign}); ${done.archived} is archived-baseline`,
        );
    });
  };
}

/**
 * `promote <candidate>`: by the candidate's latest campaign (or the one named), which must be
 * complete and must have measured the versions as they are now.
 */

function notCandidate(slug: string, status: string): StagingError {
  return new StagingError(`Only a candidate can be promoted; ${slug} is ${status}`, {
    code: "E_PROMOTE_STATUS",
    facts: { version: slug, status, expected: "candidate" },
    hint: `mark it first: staging mark ${slug} candidate`,
  });
}

function incomplete(c: CampaignRecord): StagingError {
  return new StagingError(`Campaign ${c.id} of ${c.json.candidate} is not complete`, {
    code: "E_PROMOTE_NO_CAMPAIGN",
    facts: { campaign: c.id, state: c.state, measured: `${c.measured.length} of ${c.planned} rounds` },
    hint: `run \`staging run-campaign ${c.json.candidate}\` to finish it`,
  });
}

function stale(c: CampaignRecord, now: CampaignPlan | undefined, pending: string | undefined): StagingError {
  const differs = now
    ? (Object.keys(c.plan.identity) as (keyof CampaignPlan["identity"])[])
        .filter((k) => JSON.stringify(c.plan.identity[k]) !== JSON.stringify(now.identity[k]))
        .join(", ")
    : "";
  return new StagingError(
    `Campaign ${c.id} did not measure ${c.json.candidate} and its baseline as they are now`,
    {
      code: "E_PROMOTE_NO_CAMPAIGN",
      facts: {
        campaign: c.id,
        differs: differs || (pending ? `${pending} is not up to date` : "(its inputs)"),
      },
      hint: `run \`staging run-campaign ${c.json.candidate}\`: an edited snapshot, benchmark or recipe makes a new campaign`,
    },
  );
}
