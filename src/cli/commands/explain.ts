import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerExplain(program: Command, output: Output): void {
  program
    .command("explain")
    .description("what changed in a node's inputs since its last record, old -> new (campaign nodes too)")
    .argument("<node-id>")
    .option("--json", "print the state and the changes as JSON")
    .action(lazyAction(async () => (await import("../actions/explain.js")).explainAction(output)));
}
