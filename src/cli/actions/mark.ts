import type { Command } from "commander";
import { checkSlugShape, markVersion, setFirstBaseline } from "../../staging/versions/index.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { withLock } from "../withLock.js";

export function markAction(output: Output) {
  return async (slug: string, status: string, flags: { json?: boolean }, command: Command) => {
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
  };
}

export function setBaselineAction(output: Output) {
  return async (slug: string, _flags: unknown, command: Command) => {
    checkSlugShape(slug);
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const entry = await withLock(ctx, `set-baseline ${slug}`, () =>
      setFirstBaseline(ctx.workspace, slug, new Date()),
    );
    output.out(`${entry.slug}: ${entry.status}`);
  };
}
