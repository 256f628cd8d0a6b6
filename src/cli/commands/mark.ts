import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerMark(program: Command, output: Output): void {
  program
    .command("mark")
    .description("set a version's status: candidate, rejected or staging")
    .argument("<slug>")
    .argument("<status>", "candidate | rejected | staging")
    .option("--json", "print the version's slug, status and file as JSON")
    .action(lazyAction(async () => (await import("../actions/mark.js")).markAction(output)));
  program
    .command("set-baseline")
    .description(
      "make a version the workspace's first baseline (refused when one exists; later ones come by promotion)",
    )
    .argument("<slug>")
    .action(lazyAction(async () => (await import("../actions/mark.js")).setBaselineAction(output)));
}
