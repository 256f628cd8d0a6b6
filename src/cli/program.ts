import { Command, Option } from "commander";
import { registerBuildImages } from "./commands/buildImages.js";
import { registerDown } from "./commands/down.js";
import { registerWatch } from "./commands/watch.js";
import { registerCampaign } from "./commands/campaign.js";
import { registerCampaigns } from "./commands/campaigns.js";
import { registerReport } from "./commands/report.js";
import { registerPromote } from "./commands/promote.js";
import { registerMeasure } from "./commands/measure.js";
import { registerCreateVersion } from "./commands/createVersion.js";
import { registerExplain } from "./commands/explain.js";
import { registerFsmonitor } from "./commands/fsmonitor.js";
import { registerInit } from "./commands/init.js";
import { registerGraph } from "./commands/graph.js";
import { registerMake } from "./commands/make.js";
import { registerMark } from "./commands/mark.js";
import { registerStatus } from "./commands/status.js";
import { registerTarget } from "./commands/target.js";
import { registerVersions } from "./commands/versions.js";
import type { Output } from "./Output.js";
import { packageVersion } from "./packageVersion.js";

/** The command line as DESIGN.md documents it; one file per command under `commands/`. */
export function buildProgram(output: Output, setExit: (code: number) => void): Command {
  const program = new Command("staging")
    .description(
      "Stage versions of a service, compare a candidate with the baseline over pinned benchmark runs, promote winners.",
    )
    .option("--config <file>", "the staging.config.ts to use (default: search upward from the cwd)")
    .option(
      "--workspace <dir>",
      "the workspace folder (also STAGING_WORKSPACE, and the prototype's --staging-root, before or after the command); works without a config file",
    )
    .option(
      "--target <name|url>",
      "where images build and services run: a configured name, local, or ssh://user@host:port (also STAGING_TARGET)",
    )
    .option("--identity <file>", "private key for an SSH target")
    .option(
      "--known-hosts <file>",
      "known_hosts file host keys are verified against (default ~/.ssh/known_hosts)",
    )
    .option("--verbose", "print a line for each node as it starts and ends, and its log lines")
    .version(packageVersion(), "--version", "print staging's version")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) });
  registerInit(program, output);
  registerMake(program, output, setExit);
  registerStatus(program, output);
  registerExplain(program, output);
  registerGraph(program, output, (flags, d) => new Option(flags, d));
  registerVersions(program, output);
  registerCreateVersion(program, output);
  registerMark(program, output);
  registerBuildImages(program, output, setExit);
  registerTarget(program, output, setExit);
  registerDown(program, output, setExit);
  registerMeasure(program, output, setExit);
  registerWatch(program, output, setExit);
  registerCampaign(program, output, setExit);
  registerReport(program, output, setExit);
  registerCampaigns(program, output);
  registerPromote(program, output, setExit);
  registerFsmonitor(program, output);
  for (const command of program.commands) command.exitOverride();
  return program;
}
