import type { Command } from "commander";
import { versionFingerprints } from "../../staging/versions/versionFingerprints.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";

export function versionsAction(output: Output) {
  return async (flags: { json?: boolean }, command: Command) => {
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const versions = await ctx.versions();
    // Through make's stat cache: no graph, no target; an unchanged snapshot reads nothing.
    const fingerprints = await versionFingerprints(ctx.hasher, versions);
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
  };
}

interface VersionRow {
  slug: string;
  status: string;
  parent: string;
  origin: string;
  created_at: string;
  fingerprint: string | null;
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
