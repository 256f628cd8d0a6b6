import type { Command } from "commander";
import { computeManifest } from "../../engine/computeManifest.js";
import { diffManifests, type ManifestChange } from "../../engine/diffManifests.js";
import { StagingError } from "../../errors/index.js";
import { formatChange } from "../formatChange.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import { expandedGraph } from "../expandedGraph.js";
import type { Output } from "../Output.js";

export function explainAction(output: Output) {
  return async (id: string, flags: { json?: boolean }, command: Command) => {
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const { graph, dry } = await expandedGraph(ctx, [id]);
    if (!graph.has(id)) throw unknownNode(id);
    const outcome = dry.summary.nodes.find((n) => n.id === id);
    const deps = dry.deps.get(id) ?? graph.get(id).deps;
    const upstream = deps.flatMap((dep) => {
      const o = dry.summary.nodes.find((n) => n.id === dep);
      return o && o.status !== "up-to-date" ? [{ id: dep, status: o.status, reason: o.reason }] : [];
    });
    const record = await ctx.store.get(id);
    const before = await ctx.store.getManifest(id);
    let changes: ManifestChange[] | null = null;
    if (record && before) {
      const digests = Object.fromEntries(
        deps
          .filter((d) => !graph.get(id).uses?.includes(d))
          .map((d) => [d, dry.digests.get(d) ?? "(will change: upstream stale)"]),
      );
      const now = await computeManifest(graph.get(id), ctx.hasher, process.env, digests);
      changes = diffManifests(before, now.manifest());
    }
    const state = outcome?.status ?? "not needed";
    if (flags.json) {
      output.out(
        JSON.stringify(
          {
            id,
            state,
            reason: outcome?.reason ?? null,
            upstream,
            builtAt: record?.builtAt ?? null,
            changes,
          },
          null,
          2,
        ),
      );
      return;
    }
    output.out(
      `${id}: ${state === "up-to-date" ? "up to date" : `${state} (${outcome?.reason ?? "no target needs it"})`}`,
    );
    for (const u of upstream) output.out(`  upstream ${u.id}: ${u.status} (${u.reason})`);
    if (changes === null) output.out("  no previous record to compare with");
    else if (changes.length === 0) output.out(`  inputs unchanged since ${record!.builtAt}`);
    else output.out(`  changes since ${record!.builtAt}:`);
    for (const change of changes ?? []) output.out(`    ${formatChange(change)}`);
  };
}

function unknownNode(id: string): StagingError {
  return new StagingError(`No node ${id} in the graph`, {
    code: "E_UNKNOWN_NODE",
    facts: { node: id },
    hint: "list the nodes with `staging status`; a campaign's nodes are named after its id (`staging campaigns`)",
  });
}
