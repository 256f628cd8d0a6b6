import type { Command, Option } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerGraph(
  program: Command,
  output: Output,
  option: (flags: string, d: string) => Option,
): void {
  program
    .command("graph")
    .description("the nodes a target needs, as dot, mermaid or json")
    .argument("<target>")
    .addOption(option("--format <format>", "dot | mermaid | json").default("dot"))
    .action(lazyAction(async () => (await import("../actions/graph.js")).graphAction(output)));
}
