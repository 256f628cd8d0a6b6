import type { Command } from "commander";
import { checkSlugShape, markVersion, setFirstBaseline } from "../../staging/versions/index.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { withLock } from "../withLock.js";

export function registerMark(program: Command, output: Output): void {
  program
    .command("mark")
    .description("set a version's status: candidate, rejected or staging")
    .argument("<slug>")
    .argument("<status>", "candidate | rejected | staging")
    .option("--json", "print the version's slug, status and file as JSON")
    .action(async (slug: string, status: string, flags: { json?: boolean }, command: Command) => {
      checkSlugShape(slug);
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      const entry = await withLock(ctx, `mark ${slug} ${status}`, () =>
        markVersion(ctx.workspace, slug, status),
      );
      output.out(
        flags.json
          ? JSON.stringify({ slug: entry.slug, status: entry.status, file: entry.file }, null, 2)
          : `${entry.slug}: ${entry.status}`,
      );
    });
  program
    .command("set-baseline")
    .description(
      "make a version the workspace's first baseline (refused when one exists; later ones come by promotion)",
    )
    .argument("<slug>")
    .action(async (slug: string, _flags: unknown, command: Command) => {
      checkSlugShape(slug);
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      const entry = await withLock(ctx, `set-baseline ${slug}`, () =>
        setFirstBaseline(ctx.workspace, slug, new Date()),
      );
      output.out(`${entry.slug}: ${entry.status}`);
    });
}
