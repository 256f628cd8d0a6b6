import { join } from "node:path";
import type { Command } from "commander";
import type { NodeOutcome } from "../../engine/RunSummary.js";
import { isStagingError } from "../../errors/index.js";
import { loadWorkspaceBenchmark } from "../../staging/workspace/index.js";
import { lockHolder } from "../../store/FsLock.js";
import { kindOf, type NodeKind } from "../../staging/graph/nodeIds.js";
import { campaignRecords } from "../campaignRecords.js";
import { deployRecords } from "../deployRecords.js";
import { openContext, type CliContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { runMake } from "../runMake.js";

export function statusAction(output: Output) {
  return async (flags: { json?: boolean }, command: Command) => {
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const graph = await ctx.graph();
    const ids = [...graph.nodes.keys()];
    const result =
      ids.length === 0
        ? undefined
        : await runMake(ctx, graph, ids, { dryRun: true, quiet: true, command: "status" });
    const nodes = (result?.summary.nodes ?? [])
      .map((o) => ({ id: o.id, ...stateOf(o) }))
      .sort((a, b) => kindRank(a.id) - kindRank(b.id) || a.id.localeCompare(b.id, "en", { numeric: true }));
    const holder = await lockHolder(join(ctx.stagingDir, "lock"));
    const inflight = await ctx.store.inflight();
    const inProgress = holder?.alive ? { pid: holder.pid, command: holder.command, nodes: inflight } : null;
    const interrupted = holder?.alive ? [] : inflight;
    const hasDeploys = Object.values(ctx.config.modes).some((m) => m.deploy !== undefined);
    const deployed = hasDeploys
      ? await (await ctx.drivers()).list({ containers: await mayHaveContainers(ctx) })
      : [];
    const running = deployed.map((d) => ({
      version: d.version,
      mode: d.mode,
      driver: d.driver,
      url: d.url,
      pid: d.pid ?? null,
      container: d.containerId ?? null,
    }));
    const campaigns = (await campaignRecords(ctx)).map((c) => ({
      id: c.id,
      candidate: c.json.candidate,
      baseline: c.json.baseline,
      state: c.state,
      measured: c.measured.length,
      planned: c.planned,
    }));
    const benchmark = await loadWorkspaceBenchmark(ctx.workspace).then(
      (b) => ({ path: ctx.workspace.benchmarkPath, hash: b.hash, problem: null as string | null }),
      (error: unknown) => {
        if (!isStagingError(error)) throw error;
        return {
          path: ctx.workspace.benchmarkPath,
          hash: null,
          problem: `${error.code}: ${error.message}`,
        };
      },
    );
    if (flags.json) {
      output.out(
        JSON.stringify(
          {
            workspace: ctx.config.workspace,
            benchmark,
            nodes,
            inProgress,
            interrupted,
            running,
            campaigns,
          },
          null,
          2,
        ),
      );
      return;
    }
    output.out(`workspace: ${ctx.config.workspace}`);
    output.out(
      `benchmark: ${benchmark.hash ? `${benchmark.hash.slice(0, 12)} (${benchmark.path})` : `none usable: ${benchmark.problem}`}`,
    );
    const width = Math.max(4, ...nodes.map((n) => n.id.length));
    for (const n of nodes)
      output.out(`  ${n.id.padEnd(width)}  ${n.state}${n.reason ? ` (${n.reason})` : ""}`);
    if (nodes.length === 0) output.out("  (no nodes: the workspace has no versions)");
    for (const c of campaigns)
      output.out(`campaign: ${c.id}  ${c.state}, ${c.measured} of ${c.planned} rounds measured`);
    for (const r of running)
      output.out(
        `deployed: ${r.version}:${r.mode}  ${r.url}  (${r.driver} ${r.pid ?? r.container?.slice(0, 12)})`,
      );
    if (inProgress)
      output.out(
        `in progress: ${inProgress.command} (pid ${inProgress.pid})${inflight.length > 0 ? `: ${inflight.join(", ")}` : ""}`,
      );
    if (interrupted.length > 0) output.out(`interrupted last time: ${interrupted.join(", ")}`);
  };
}

/** A node's state as `status` words it. */
export function stateOf(outcome: NodeOutcome): {
  state: "up to date" | "never run" | "stale" | "failed";
  reason: string;
} {
  if (outcome.status === "up-to-date") return { state: "up to date", reason: "" };
  if (outcome.status === "failed") return { state: "failed", reason: outcome.error ?? outcome.reason };
  if (outcome.reasonKind === "never-run") return { state: "never run", reason: "" };
  return { state: "stale", reason: outcome.reason };
}

const KIND_ORDER: NodeKind[] = [
  "fingerprint",
  "image",
  "deploy",
  "plan",
  "prepare",
  "round",
  "look",
  "aggregate",
  "report",
  "campaign",
  "promote",
];

/** Nodes listed in the order work flows: versions, then campaigns. */
function kindRank(id: string): number {
  const kind = kindOf(id);
  return kind === undefined ? KIND_ORDER.length : KIND_ORDER.indexOf(kind);
}

/** Docker is asked only where a container can be: a docker builder, or a deployment that made one. */
async function mayHaveContainers(ctx: CliContext): Promise<boolean> {
  if (ctx.config.builder === "docker") return true;
  return (await deployRecords(ctx)).some((dep) => dep.containerId !== undefined);
}
