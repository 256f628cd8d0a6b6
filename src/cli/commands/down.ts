import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerDown(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("down")
    .description("stop what this workspace deployed (all, a version, or version:mode)")
    .argument("[selector]", "<version> or <version>:<mode>")
    .option("--wait", "wait for another staging process holding the workspace lock")
    .action(lazyAction(async () => (await import("../actions/down.js")).downAction(output, setExit)));
}
