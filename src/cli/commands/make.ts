import type { Command } from "commander";
import type { TaskGraph } from "../../engine/TaskGraph.js";
import { ExitCode } from "../../errors/index.js";
import { campaignGraph } from "../campaignGraph.js";
import { openContext, type CliContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { collect, parsePositiveInt } from "../parsers.js";
import { resolveTargets } from "../resolveTargets.js";
import { runMake } from "../runMake.js";
import { withLock } from "../withLock.js";

interface MakeFlags {
  dryRun?: boolean;
  force: string[];
  keepGoing?: boolean;
  concurrency?: number;
  json?: boolean;
  wait?: boolean;
}

const CAMPAIGN_TARGET = /^(campaign|promote):([^:]+)$/;

export function registerMake(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("make")
    .description("bring targets up to date, running only stale nodes")
    .argument(
      "<target...>",
      "node ids, globs such as 'image:*:native', images:<version>, campaign:<candidate>, promote:<candidate>",
    )
    .option("--dry-run", "say what would run and why; run nothing")
    .option("--force <selector>", "run matching nodes even if up to date (repeatable)", collect, [])
    .option("--keep-going", "go on with independent nodes after a failure")
    .option("--concurrency <n>", "nodes working at once", parsePositiveInt("--concurrency"))
    .option("--json", "print one JSON object with executed, upToDate, failed and skipped node ids")
    .option("--wait", "wait for another staging process holding the workspace lock")
    .action(async (targets: string[], flags: MakeFlags, command: Command) => {
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      const command_ = `make ${targets.join(" ")}`;
      const go = async (locked: boolean) => {
        const { graph, ids } = await plan(ctx, targets);
        return runMake(ctx, graph, ids, { ...flags, locked, command: command_ });
      };
      const needsPlan = targets.some((t) => CAMPAIGN_TARGET.test(t));
      const result =
        flags.dryRun && !needsPlan
          ? await go(false)
          : await withLock(ctx, command_, () => go(true), flags.wait ?? false);
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
    });
}

/** The graph and node ids of the targets; `campaign:<candidate>` and `promote:<candidate>` plan their campaign first. */
async function plan(ctx: CliContext, targets: string[]): Promise<{ graph: TaskGraph; ids: string[] }> {
  let graph = await ctx.graph();
  const ids: string[] = [];
  for (const target of targets) {
    const m = CAMPAIGN_TARGET.exec(target);
    if (!m) continue;
    const cg = await campaignGraph(ctx, {
      candidate: m[2]!,
      ...(m[1] === "promote" ? { promote: { force: false } } : {}),
    });
    graph = cg.graph;
    ids.push(cg.goal);
  }
  ids.push(
    ...resolveTargets(
      graph,
      targets.filter((t) => !CAMPAIGN_TARGET.test(t)),
    ),
  );
  return { graph, ids };
}
