import type { Command } from "commander";
import type { TaskGraph } from "../../engine/TaskGraph.js";
import { ExitCode } from "../../errors/index.js";
import { parseNodeId } from "../../staging/graph/nodeIds.js";
import { campaignPreflight } from "../campaignPreflight.js";
import { openContext, type CliContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { resolveTargets } from "../resolveTargets.js";
import { runMake } from "../runMake.js";
import { withLock } from "../withLock.js";

export function makeAction(output: Output, setExit: (code: number) => void) {
  return async (targets: string[], flags: MakeFlags, command: Command) => {
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const command_ = `make ${targets.join(" ")}`;
    const go = async (locked: boolean) => {
      const { graph, ids } = await plan(ctx, targets);
      return runMake(ctx, graph, ids, {
        ...flags,
        locked,
        quiet: flags.dryRun ?? false,
        command: command_,
      });
    };
    const result = flags.dryRun
      ? await go(false)
      : await withLock(ctx, command_, () => go(true), flags.wait ?? false);
    if (flags.dryRun && !flags.json) {
      // The plan is the result of a dry run: it goes to stdout, where scripts read it.
      for (const n of result.summary.nodes)
        output.out(
          `${n.status.padEnd(10)} ${n.id}${n.status === "up-to-date" ? "" : `  (${n.error ?? n.reason})`}`,
        );
    }
    if (flags.json) {
      const { executed, upToDate, failed, skipped, interrupted, wouldRun } = result;
      output.out(
        JSON.stringify(
          { executed, upToDate, failed, skipped, interrupted, wouldRun, runId: result.summary.runId },
          null,
          2,
        ),
      );
    } else {
      output.err(
        `${result.executed.length} executed, ${result.upToDate.length} up to date, ${result.failed.length} failed, ` +
          `${result.skipped.length + result.interrupted.length} skipped` +
          (flags.dryRun ? `, ${result.wouldRun.length} would run` : ""),
      );
    }
    if (result.failed.length > 0) setExit(ExitCode.nodeFailed);
    else if (result.interrupted.length > 0 || result.skipped.length > 0) setExit(ExitCode.interrupted);
  };
}

interface MakeFlags {
  dryRun?: boolean;
  force: string[];
  keepGoing?: boolean;
  concurrency?: number;
  json?: boolean;
  wait?: boolean;
}

/** The graph and node ids of the targets; `campaign:<candidate>` and `promote:<candidate>` are checked and planned first. */
async function plan(ctx: CliContext, targets: string[]): Promise<{ graph: TaskGraph; ids: string[] }> {
  const requests = [];
  for (const target of targets) {
    const id = parseNodeId(target);
    if (id?.kind === "campaign" || id?.kind === "promote")
      requests.push(await campaignPreflight(ctx, { candidate: id.candidate }));
  }
  const graph = await ctx.graph({ campaigns: requests });
  return { graph, ids: resolveTargets(graph, targets) };
}
