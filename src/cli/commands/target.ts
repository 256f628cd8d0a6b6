import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerTarget(program: Command, output: Output, setExit: (code: number) => void): void {
  const target = program.command("target").description("targets: where images build and services run");
  target
    .command("check")
    .description("reachability, identity and tool versions of a target")
    .argument(
      "[name]",
      "a target named in staging.config.ts, local, or ssh://user@host:port (default: the configured target)",
    )
    .option("--json", "print JSON")
    .action(
      lazyAction(async () => (await import("../actions/target.js")).targetCheckAction(output, setExit)),
    );
}
