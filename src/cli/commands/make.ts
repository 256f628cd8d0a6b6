import type { Command } from "commander";
import type { Output } from "../Output.js";
import { collect, parsePositiveInt } from "../parsers.js";
import { lazyAction } from "../lazyAction.js";

export function registerMake(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("make")
    .description("bring targets up to date, running only stale nodes")
    .argument(
      "<target...>",
      "node ids, globs such as 'image:*:native', images:<version>, campaign:<candidate>, promote:<candidate>",
    )
    .option("--dry-run", "say what would run and why; run nothing")
    .option("--force <selector>", "run matching nodes even if up to date (repeatable)", collect, [])
    .option("--keep-going", "go on with independent nodes after a failure")
    .option("--concurrency <n>", "nodes working at once", parsePositiveInt("--concurrency"))
    .option("--json", "print one JSON object with executed, upToDate, failed and skipped node ids")
    .option("--wait", "wait for another staging process holding the workspace lock")
    .action(lazyAction(async () => (await import("../actions/make.js")).makeAction(output, setExit)));
}
