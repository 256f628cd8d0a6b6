import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

/** `campaigns [<candidate>]`: every campaign with its versions, rounds, state and verdicts. Reads only. */
export function registerCampaigns(program: Command, output: Output): void {
  program
    .command("campaigns")
    .description("the workspace's campaigns: id, versions, rounds done and planned, state, verdicts")
    .argument("[candidate]", "only this candidate's campaigns")
    .option("--json", "print JSON")
    .action(lazyAction(async () => (await import("../actions/campaigns.js")).campaignsAction(output)));
}
