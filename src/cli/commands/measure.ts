import type { Command } from "commander";
import type { Output } from "../Output.js";
import { collect } from "../parsers.js";
import { lazyAction } from "../lazyAction.js";

export function registerMeasure(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("measure")
    .description("one measured run per mode, now: build if needed, deploy fresh, warm up, measure, stop")
    .argument("<version>")
    .option("--mode <mode>", "only this mode (repeatable)", collect, [])
    .option("--json", "print the cell summaries as JSON")
    .action(lazyAction(async () => (await import("../actions/measure.js")).measureAction(output, setExit)));
}
