import { join } from "node:path";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { make, type MakeOptions, type MakeResult } from "../engine/make.js";
import type { TaskGraph } from "../engine/TaskGraph.js";
import { acquireLock } from "../store/FsLock.js";
import type { CliContext } from "./CliContext.js";
import { lineReporter } from "./LineReporter.js";
import { liveReporter } from "./LiveReporter.js";
import { campaignReporter } from "./CampaignReporter.js";
import { ProgressTracker } from "./ProgressTracker.js";
import { systemClock } from "./systemClock.js";

export interface RunMakeOptions {
  dryRun?: boolean;
  force?: string[];
  keepGoing?: boolean;
  concurrency?: number;
  wait?: boolean;
  quiet?: boolean;
  /** Node lines (start, end, log) as well as the progress line. @default the global --verbose */
  nodeLines?: boolean;
  /** The caller already holds the workspace lock. */
  locked?: boolean;
  command: string;
}

/**
 * Runs the engine the way every command does: under the workspace lock (not for dry runs),
 * with SIGINT stopping cleanly (a second SIGINT exits at once), progress on stderr.
 */
export async function runMake(
  ctx: CliContext,
  graph: TaskGraph,
  targets: string[],
  options: RunMakeOptions,
): Promise<MakeResult> {
  const release =
    options.dryRun || options.locked
      ? async () => {}
      : await acquireLock(join(ctx.stagingDir, "lock"), {
          wait: options.wait ?? false,
          warn: (m) => ctx.output.err(`warning: ${m}`),
          command: options.command,
        });
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    ctx.output.err("interrupt: stopping running nodes (press Ctrl-C again to exit at once)");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  try {
    const makeOptions: MakeOptions = {
      store: ctx.store,
      hasher: ctx.hasher,
      clock: systemClock,
      env: process.env,
      runId: runId(),
      concurrency: options.concurrency ?? ctx.config.concurrency,
      pools: ctx.config.pools,
      force: options.force ?? [],
      keepGoing: options.keepGoing ?? false,
      dryRun: options.dryRun ?? false,
      signal: controller.signal,
    };
    let live: ReturnType<typeof liveReporter> | undefined;
    if (!options.quiet) {
      const tracker = new ProgressTracker();
      const now = () => performance.now();
      const lines = lineReporter(ctx.output, { verbose: options.nodeLines ?? ctx.verbose });
      const campaign = campaignReporter(lines, ctx.output, tracker, { live: ctx.output.live, now });
      live = ctx.output.live
        ? liveReporter(campaign, tracker, {
            write: (t) => process.stderr.write(t),
            columns: () => process.stderr.columns,
            now,
          })
        : undefined;
      makeOptions.reporter = live ?? campaign;
    }
    try {
      return await make(graph, targets, makeOptions);
    } finally {
      live?.stop();
    }
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
    await release();
  }
}

function runId(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${stamp}-${hostname()
    .replace(/[^A-Za-z0-9-]/g, "")
    .slice(0, 20)}-${process.pid}-${randomBytes(3).toString("hex")}`;
}
