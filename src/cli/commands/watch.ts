import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerWatch(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("watch")
    .description(
      "rebuild and redeploy as you edit: cheap nodes run at once, campaign runs are only re-planned",
    )
    .argument(
      "<target...>",
      "node ids, globs or aliases, as for make (e.g. deploy:candidate:node, images:candidate)",
    )
    .option(
      "--measure",
      "after each redeploy, one quick measured run of the edited version beside the previous one and the baseline's",
    )
    .option("--run-all", "also run expensive nodes (campaign runs) when they become stale")
    .action(lazyAction(async () => (await import("../actions/watch.js")).watchAction(output, setExit)));
}
