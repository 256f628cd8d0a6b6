import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { ExitCode } from "../../errors/index.js";
import type { CampaignRequest } from "../../staging/campaign/CampaignRequest.js";
import type { CampaignPlan } from "../../staging/campaign/CampaignPlan.js";
import { checkCampaignFolder } from "../../staging/campaign/campaignFolder.js";
import { decisionFloor } from "../../staging/campaign/decisionFloor.js";
import type { LoadedBenchmark } from "../../staging/benchmark/index.js";
import { nodeIds } from "../../staging/graph/nodeIds.js";
import { checkSlugShape } from "../../staging/versions/index.js";
import type { CampaignOutput } from "../../../tasks/campaign.js";
import { campaignPreflight } from "../campaignPreflight.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { runMake } from "../runMake.js";
import { withLock } from "../withLock.js";

export function runCampaignAction(output: Output, setExit: (code: number) => void) {
  return async (candidate: string, flags: CampaignFlags, command: Command) => {
    checkSlugShape(candidate, "candidate");
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const request = await campaignPreflight(ctx, campaignRequest(candidate, flags));
    await withLock(
      ctx,
      `run-campaign ${candidate}`,
      async () => {
        const graph = await ctx.graph({ campaigns: [request] });
        // The plan first, in memory: a clash with another campaign's folder is refused before anything runs.
        const planned = await runMake(ctx, graph, [nodeIds.plan(candidate)], {
          dryRun: true,
          quiet: true,
          command: "plan",
        });
        const plan = planned.outputs.get(nodeIds.plan(candidate)) as CampaignPlan | undefined;
        if (plan) {
          await checkCampaignFolder(ctx.workspace, plan);
          warnTooFewRounds(plan, await ctx.benchmark(), output);
        }
        const goal = nodeIds.campaign(candidate);
        const result = await runMake(ctx, graph, [goal], {
          command: `run-campaign ${candidate}`,
          locked: true,
          keepGoing: flags.keepGoing ?? false,
        });
        const outcome = result.outputs.get(goal) as CampaignOutput | undefined;
        if (
          !outcome ||
          result.failed.length > 0 ||
          result.interrupted.length > 0 ||
          result.skipped.length > 0
        ) {
          setExit(result.failed.length > 0 ? ExitCode.nodeFailed : ExitCode.interrupted);
          output.err(`the campaign is not complete: run the same command again to resume`);
          if (flags.json) output.out(JSON.stringify({ complete: false, failed: result.failed }, null, 2));
          return;
        }
        const dir = join(ctx.workspace.root, outcome.dir);
        if (flags.json) {
          output.out(JSON.stringify({ complete: true, ...outcome, dir }, null, 2));
          return;
        }
        output.out(await readFile(join(dir, "report.md"), "utf8"));
        output.err(`report: ${join(dir, "report.md")} (also report.json, and report.html with plots)`);
      },
      flags.wait ?? false,
    );
  };
}

export interface CampaignFlags extends Omit<CampaignRequest, "candidate"> {
  keepGoing?: boolean;
  wait?: boolean;
  json?: boolean;
}

/** The request a command's flags make. */
export function campaignRequest(candidate: string, flags: CampaignFlags): CampaignRequest {
  const r: CampaignRequest = { candidate };
  if (flags.baseline !== undefined) r.baseline = checkSlugShape(flags.baseline, "--baseline");
  if (flags.runs !== undefined) r.runs = flags.runs;
  if (flags.untilDecided) r.untilDecided = true;
  if (flags.maxRuns !== undefined) r.maxRuns = flags.maxRuns;
  if (flags.seed !== undefined) r.seed = flags.seed;
  if (flags.campaignId !== undefined) r.campaignId = flags.campaignId;
  return r;
}

/** Says, before anything is measured, when the planned rounds cannot show a critical metric changed. */
function warnTooFewRounds(plan: CampaignPlan, benchmark: LoadedBenchmark | undefined, output: Output): void {
  if (!benchmark) return;
  const critical = Object.values(benchmark.benchmark.metrics).filter((m) => m.critical).length;
  const floor = decisionFloor(plan.looks, critical * plan.identity.modes.length);
  const first = plan.looks[0] ?? plan.identity.rounds.max;
  if (first >= floor) return;
  output.err(
    `warning: ${first} rounds cannot show a significant change in a critical metric at this campaign's level, whatever they measure: ` +
      `at least ${floor} are needed (--runs ${floor}, or --until-decided)`,
  );
}
