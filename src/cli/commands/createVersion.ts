import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerCreateVersion(program: Command, output: Output): void {
  program
    .command("create-version")
    .description("create versions/<slug>/ from the baseline, another version, or nothing")
    .argument("<slug>", "lowercase letters, digits and dashes (also --slug <slug>)")
    .option(
      "--from <source>",
      "baseline | version:<slug> | none; `baseline` is recorded resolved, as `parent: version:<the baseline's slug>` (the prototype wrote `parent: baseline`)",
    )
    .option("--notes <text>", "free text stored as notes in version.yaml")
    .option("--source-commit <sha>", "the commit the snapshot came from")
    .action(
      lazyAction(async () => (await import("../actions/createVersion.js")).createVersionAction(output)),
    );
}
