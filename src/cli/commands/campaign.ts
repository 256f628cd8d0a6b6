import type { Command } from "commander";
import type { Output } from "../Output.js";
import { parsePositiveInt, parseSeed } from "../parsers.js";
import { lazyAction } from "../lazyAction.js";

export function registerCampaign(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("run-campaign")
    .description("compare a candidate with the baseline in every mode over interleaved rounds, then report")
    .argument("<candidate>", "the candidate version (also --candidate <slug>)")
    .option("--baseline <slug>", "compare against this version instead of the workspace's baseline")
    .option("--runs <n>", "rounds (default: the benchmark's runs)", parsePositiveInt("--runs"))
    .option("--until-decided", "add rounds until every critical metric is decided (group-sequential)")
    .option("--max-runs <n>", "the most rounds --until-decided may run", parsePositiveInt("--max-runs"))
    .option("--seed <n>", "seed of the order within rounds (default 1)", parseSeed)
    .option("--campaign-id <id>", "name the campaign folder (reusing a name with other inputs is refused)")
    .option("--keep-going", "go on with other rounds after a failure")
    .option("--wait", "wait for another staging process holding the workspace lock")
    .option("--json", "print the campaign's outcome as JSON instead of the report")
    .action(
      lazyAction(async () => (await import("../actions/campaign.js")).runCampaignAction(output, setExit)),
    );
}
