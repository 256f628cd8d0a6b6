import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerStatus(program: Command, output: Output): void {
  program
    .command("status")
    .description("every node of the workspace (campaigns included): up to date, stale (why) or never run")
    .option("--json", "print JSON")
    .action(lazyAction(async () => (await import("../actions/status.js")).statusAction(output)));
}
