import type { Command } from "commander";
import { computeManifest } from "../../engine/computeManifest.js";
import { diffManifests, type ManifestChange } from "../../engine/diffManifests.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { runMake } from "../runMake.js";

export function registerExplain(program: Command, output: Output): void {
  program
    .command("explain")
    .description("what changed in a node's inputs since its last record, old -> new")
    .argument("<node-id>")
    .action(async (id: string, _flags: unknown, command: Command) => {
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      const graph = await ctx.graph();
      const node = graph.get(id);
      const result = await runMake(ctx, graph, [id], { dryRun: true, quiet: true, command: "explain" });
      const outcome = result.summary.nodes.find((n) => n.id === id)!;
      output.out(
        `${id}: ${outcome.status === "up-to-date" ? "up to date" : `${outcome.status} (${outcome.reason})`}`,
      );
      for (const dep of node.deps) {
        const o = result.summary.nodes.find((n) => n.id === dep)!;
        if (o.status !== "up-to-date") output.out(`  upstream ${dep}: ${o.status} (${o.reason})`);
      }
      const record = await ctx.store.get(id);
      const before = await ctx.store.getManifest(id);
      if (!record || !before) {
        output.out("  no previous record to compare with");
        return;
      }
      const upstream = Object.fromEntries(
        node.deps.map((d) => [d, result.digests.get(d) ?? "(will change: upstream stale)"]),
      );
      const now = await computeManifest(node, ctx.hasher, process.env, upstream);
      const changes = diffManifests(before, now.manifest());
      if (changes.length === 0) output.out(`  inputs unchanged since ${record.builtAt}`);
      else output.out(`  changes since ${record.builtAt}:`);
      for (const change of changes) output.out(`    ${formatChange(change)}`);
    });
}

function formatChange(c: ManifestChange): string {
  const short = (v: string | null | undefined) =>
    v === undefined ? "(absent)" : v === null ? "(unset)" : v.length > 16 ? v.slice(0, 12) : v;
  const what =
    c.kind === "file"
      ? `file ${c.name}/${c.path}`
      : c.kind === "task-version"
        ? "task version"
        : `${c.kind} ${c.name}`;
  return `${what}: ${short(c.old)} -> ${short(c.new)}`;
}
