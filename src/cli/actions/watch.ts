import type { Command } from "commander";
import { errorText } from "../../engine/make.js";
import { ExitCode } from "../../errors/index.js";
import { FileWatcher } from "../../fsutil/FileWatcher.js";
import { loadWorkspaceBenchmark } from "../../staging/workspace/index.js";
import { openContext, type CliContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { resolveTargets } from "../resolveTargets.js";
import { runMake } from "../runMake.js";
import { watchInputs } from "../watchInputs.js";
import { WatchMeasurer } from "../WatchMeasurer.js";

export function watchAction(output: Output, setExit: (code: number) => void) {
  return async (targets: string[], flags: WatchFlags, command: Command) => {
    const global = command.optsWithGlobals<GlobalOptions>();
    const session = new WatchSession(global, targets, flags, output);
    await session.cycle();
    const watcher = new FileWatcher(session.paths, (batch) => void session.changed(batch));
    await watcher.start();
    output.err(
      `watch: watching ${session.paths.length} inputs; Ctrl-C stops (what is deployed stays, see \`staging status\`)`,
    );
    await new Promise<void>((resolve) => process.once("SIGINT", resolve));
    await watcher.close();
    output.err("watch: stopped");
    setExit(ExitCode.interrupted);
  };
}

interface WatchFlags {
  measure?: boolean;
  runAll?: boolean;
}

/** One watch: cycles run one at a time; changes that arrive during a cycle start one more after it. */
class WatchSession {
  paths: string[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private readonly measurer: WatchMeasurer;

  constructor(
    private readonly global: GlobalOptions,
    private readonly targets: string[],
    private readonly flags: WatchFlags,
    private readonly output: Output,
  ) {
    this.measurer = new WatchMeasurer(output);
  }

  async changed(batch: string[]): Promise<void> {
    this.output.err(
      `watch: change in ${batch.slice(0, 3).join(", ")}${batch.length > 3 ? ` (+${batch.length - 3} more)` : ""}`,
    );
    if (this.running) {
      this.again = true;
      return;
    }
    do {
      this.again = false;
      this.running = this.cycle();
      await this.running;
    } while (this.again);
    this.running = undefined;
  }

  /** Re-plans from the files as they are now (config included) and runs what is stale and cheap. */
  async cycle(): Promise<void> {
    try {
      const ctx = await openContext(this.global, this.output);
      const graph = await ctx.graph();
      const ids = resolveTargets(graph, this.targets);
      this.paths = watchInputs(ctx, graph, ids);
      const plan = await runMake(ctx, graph, ids, { dryRun: true, quiet: true, command: "watch" });
      const stale = plan.summary.nodes.filter((n) => n.status === "would-run");
      if (stale.length === 0) return this.output.err("watch: up to date (no input changed its content)");
      for (const n of stale) this.output.err(`watch: stale ${n.id} (${n.reason})`);
      const expensive = stale.filter((n) => graph.get(n.id).cost === "expensive").map((n) => n.id);
      if (expensive.length > 0 && !this.flags.runAll) await this.reportExpensive(ctx, expensive);
      const toRun = this.flags.runAll ? ids : stale.filter((n) => !expensive.includes(n.id)).map((n) => n.id);
      if (toRun.length === 0) return;
      // Each rebuild is what a watch shows: its node lines stay on without --verbose.
      const result = await runMake(ctx, graph, toRun, { wait: true, nodeLines: true, command: "watch" });
      if (this.flags.measure && result.failed.length === 0) {
        await this.measurer.afterBuild(ctx, result.executed);
        // A measured run starts and stops its own deployment: bring the watched ones back up.
        await runMake(ctx, graph, toRun, { wait: true, quiet: true, command: "watch" });
      }
    } catch (error) {
      // A broken config or snapshot is reported and the watch goes on.
      this.output.err(errorText(error));
    }
  }

  /** Campaign runs are re-planned and counted, with the time they would take, but not run. */
  private async reportExpensive(ctx: CliContext, ids: string[]): Promise<void> {
    const benchmark = await loadWorkspaceBenchmark(ctx.workspace).catch(() => null);
    const perRun = benchmark
      ? benchmark.benchmark.load.warmup_s + benchmark.benchmark.load.duration_s + 2
      : undefined;
    const time = perRun ? ` (about ${Math.ceil((ids.length * perRun) / 60)} min)` : "";
    this.output.err(
      `watch: ${ids.length} campaign runs re-planned, not run${time}; pass --run-all to run them`,
    );
  }
}
