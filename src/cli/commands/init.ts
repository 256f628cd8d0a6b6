import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerInit(program: Command, output: Output): void {
  program
    .command("init")
    .description(
      "a workspace in this folder: config, benchmark, and a first baseline from a service folder or the demo",
    )
    .argument("[service-dir]", "the service's folder: its files become the baseline's snapshot")
    .option("--demo", "the bundled demo instead: a small service in two versions, baseline and candidate")
    .action(lazyAction(async () => (await import("../actions/init.js")).initAction(output)));
}
