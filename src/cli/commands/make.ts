import type { Command } from "commander";
import { ExitCode } from "../../errors/index.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { resolveTargets } from "../resolveTargets.js";
import { runMake } from "../runMake.js";
import { parsePositiveInt, collect } from "../parsers.js";

interface MakeFlags {
  dryRun?: boolean;
  force: string[];
  keepGoing?: boolean;
  concurrency?: number;
  json?: boolean;
  wait?: boolean;
}

export function registerMake(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("make")
    .description("bring targets up to date, running only stale nodes")
    .argument(
      "<target...>",
      "node ids, globs such as 'image:*:native', images:<version>, campaign:<candidate>",
    )
    .option("--dry-run", "say what would run and why; run nothing")
    .option("--force <selector>", "run matching nodes even if up to date (repeatable)", collect, [])
    .option("--keep-going", "go on with independent nodes after a failure")
    .option("--concurrency <n>", "nodes working at once", parsePositiveInt("--concurrency"))
    .option("--json", "print one JSON object with executed, upToDate, failed and skipped node ids")
    .option("--wait", "wait for another staging process holding the workspace lock")
    .action(async (targets: string[], flags: MakeFlags, command: Command) => {
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      const graph = await ctx.graph();
      const ids = resolveTargets(graph, targets);
      const result = await runMake(ctx, graph, ids, { ...flags, command: `make ${targets.join(" ")}` });
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
      if (result.interrupted.length > 0 || (result.skipped.length > 0 && result.failed.length === 0)) {
        setExit(result.failed.length > 0 ? ExitCode.nodeFailed : ExitCode.interrupted);
      }
      if (result.failed.length > 0) setExit(ExitCode.nodeFailed);
    });
}
