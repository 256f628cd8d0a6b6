import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

/**
 * `report <candidate>`: the report of the candidate's latest campaign (or the one named). It only
 * reads: no lock, nothing written. A campaign still running or interrupted gets the figures of
 * the rounds measured so far, marked as such.
 */
export function registerReport(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("report")
    .description("print the report of the candidate's latest campaign (or --campaign-id)")
    .argument("<candidate>", "the candidate version (also --candidate <slug>)")
    .option("--campaign-id <id>", "the campaign to report (default: the candidate's latest)")
    .option("--format <format>", "md | json", "md")
    .option("--open", "open report.html where a desktop is available")
    .action(lazyAction(async () => (await import("../actions/report.js")).reportAction(output, setExit)));
}
