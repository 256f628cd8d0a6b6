import type { Command } from "commander";
import { snapshotFingerprint } from "../../staging/fingerprint/snapshotFingerprint.js";
import type { VersionEntry } from "../../staging/versions/index.js";
import { openContext, type CliContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { runMake } from "../runMake.js";

interface VersionRow {
  slug: string;
  status: string;
  parent: string;
  origin: string;
  created_at: string;
  fingerprint: string | null;
}

export function registerVersions(program: Command, output: Output): void {
  program
    .command("versions")
    .description("list versions: slug, status, parent, created_at, snapshot fingerprint")
    .option("--json", "print JSON")
    .action(async (flags: { json?: boolean }, command: Command) => {
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      const versions = await ctx.versions();
      const fingerprints = await currentFingerprints(ctx, versions);
      const rows: VersionRow[] = versions.map((v) => ({
        slug: v.slug,
        status: v.status,
        parent: v.parent,
        origin: v.origin,
        created_at: v.createdAt,
        fingerprint: fingerprints.get(v.slug) ?? null,
      }));
      if (flags.json)
        return output.out(JSON.stringify({ workspace: ctx.workspace.root, versions: rows }, null, 2));
      if (rows.length === 0)
        return output.out("no versions (create one with `staging create-version <slug> --from none`)");
      output.out(table(rows));
    });
}

/**
 * The recorded fingerprint where its node is up to date; otherwise computed now (read-only:
 * `versions` never writes the store).
 */
async function currentFingerprints(ctx: CliContext, versions: VersionEntry[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (versions.length === 0) return out;
  const graph = await ctx.graph();
  const ids = versions.map((v) => `fingerprint:${v.slug}`);
  const result = await runMake(ctx, graph, ids, { dryRun: true, quiet: true, command: "versions" });
  for (const v of versions) {
    const recorded = result.outputs.get(`fingerprint:${v.slug}`) as
      { snapshot_fingerprint?: string } | undefined;
    out.set(v.slug, recorded?.snapshot_fingerprint ?? snapshotFingerprint(`${v.dir}/snapshot`).digest);
  }
  return out;
}

function table(rows: VersionRow[]): string {
  const header = ["SLUG", "STATUS", "PARENT", "CREATED_AT", "FINGERPRINT"];
  const cells = rows.map((r) => [
    r.slug,
    r.status,
    r.origin === "outside" ? `${r.parent} (outside)` : r.parent,
    r.created_at,
    (r.fingerprint ?? "-").slice(0, 12),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [header, ...cells]
    .map((c) =>
      c
        .map((v, i) => v.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
