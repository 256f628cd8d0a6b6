import type { Command } from "commander";
import { createVersion, parseFromSpec, validateSlug } from "../../staging/versions/index.js";
import { StagingError } from "../../errors/index.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { versionSchemaFile } from "../packageRoot.js";
import { withLock } from "../withLock.js";

export function createVersionAction(output: Output) {
  return async (
    slug: string,
    flags: { from?: string; notes?: string; sourceCommit?: string },
    command: Command,
  ) => {
    if (flags.from === undefined) {
      throw new StagingError("create-version needs --from", {
        code: "E_USAGE",
        facts: { flag: "--from", expected: "baseline | version:<slug> | none" },
        hint: "e.g. staging create-version my-change --from baseline",
      });
    }
    validateSlug(slug);
    const from = parseFromSpec(flags.from);
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output, { init: true });
    const created = await withLock(ctx, `create-version ${slug}`, () =>
      createVersion(ctx.workspace, {
        slug,
        from,
        now: new Date(),
        notes: flags.notes,
        sourceCommit: flags.sourceCommit,
        schemaFile: versionSchemaFile(),
      }),
    );
    output.out(`created ${created.dir} (parent: ${created.parent}, status: ${created.status})`);
    output.out(
      `next: describe the change in ${created.dir}/hypothesis.md, edit ${created.dir}/snapshot/, then \`staging mark ${created.slug} candidate\``,
    );
  };
}
