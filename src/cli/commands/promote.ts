import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

/**
 * `promote <candidate>`: by the candidate's latest campaign (or the one named), which must be
 * complete and must have measured the versions as they are now.
 */
export function registerPromote(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("promote")
    .description(
      "make the candidate the baseline, if its latest campaign shows no regression in a critical metric",
    )
    .argument("<candidate>", "also --candidate <slug>")
    .option("--campaign-id <id>", "the campaign to promote by (default: the candidate's latest)")
    .option("--force", "promote despite regressions in critical metrics (recorded in version.yaml)")
    .option("--json", "print what the promotion did as JSON")
    .action(lazyAction(async () => (await import("../actions/promote.js")).promoteAction(output, setExit)));
}
