import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { ExitCode, StagingError } from "../../errors/index.js";
import { checkSlugShape } from "../../staging/versions/index.js";
import { campaignGraph, type CampaignRequest } from "../campaignGraph.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { parsePositiveInt } from "../parsers.js";
import { runMake } from "../runMake.js";
import { withLock } from "../withLock.js";

interface CampaignFlags {
  baseline?: string;
  runs?: number;
  seed?: number;
  campaignId?: string;
  keepGoing?: boolean;
  wait?: boolean;
}

export function registerCampaign(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("run-campaign")
    .description("compare a candidate with the baseline in every mode over N interleaved rounds, then report")
    .argument("<candidate>", "the candidate version (also --candidate <slug>)")
    .option("--baseline <slug>", "compare against this version instead of the workspace's baseline")
    .option("--runs <n>", "rounds (default: the benchmark's runs)", parsePositiveInt("--runs"))
    .option("--seed <n>", "seed of the run order (default 1)", parseSeed)
    .option("--campaign-id <id>", "name the campaign folder (reusing a name with other inputs is refused)")
    .option("--keep-going", "go on with other runs after a failure")
    .option("--wait", "wait for another staging process holding the workspace lock")
    .action(async (candidate: string, flags: CampaignFlags, command: Command) => {
      checkSlugShape(candidate, "candidate");
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      await withLock(
        ctx,
        `run-campaign ${candidate}`,
        async () => {
          const cg = await campaignGraph(ctx, request(candidate, flags));
          output.err(
            `campaign ${cg.plan.id}: ${cg.plan.schedule.length} runs (${cg.plan.identity.runs} rounds x ${cg.plan.identity.modes.length} modes x 2 versions), folder ${cg.plan.dir}`,
          );
          const result = await runMake(ctx, cg.graph, [cg.goal], {
            command: `run-campaign ${candidate}`,
            locked: true,
            keepGoing: flags.keepGoing ?? false,
          });
          if (result.failed.length > 0 || result.interrupted.length > 0 || result.skipped.length > 0) {
            setExit(result.failed.length > 0 ? ExitCode.nodeFailed : ExitCode.interrupted);
            output.err(`campaign ${cg.plan.id} is not complete: run the same command again to resume`);
            return;
          }
          output.out(await readFile(join(cg.plan.dir, "report.md"), "utf8"));
          output.err(
            `report: ${join(cg.plan.dir, "report.md")} (also report.json, and report.html with plots)`,
          );
        },
        flags.wait ?? false,
      );
    });
  program
    .command("report")
    .description("print the report of the candidate's current campaign")
    .argument("<candidate>", "the candidate version (also --candidate <slug>)")
    .option("--baseline <slug>")
    .option("--runs <n>", "rounds", parsePositiveInt("--runs"))
    .option("--seed <n>", "seed", parseSeed)
    .option("--campaign-id <id>")
    .option("--format <format>", "md | json", "md")
    .option("--open", "open report.html where a desktop is available")
    .action(
      async (
        candidate: string,
        flags: CampaignFlags & { format: string; open?: boolean },
        command: Command,
      ) => {
        if (!["md", "json"].includes(flags.format))
          throw new StagingError("Unknown report format", {
            code: "E_USAGE",
            facts: { flag: "--format", expected: "md | json", got: flags.format },
          });
        checkSlugShape(candidate, "candidate");
        const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
        await withLock(ctx, `report ${candidate}`, async () => {
          const cg = await campaignGraph(ctx, request(candidate, flags));
          const check = await runMake(ctx, cg.graph, [cg.goal], {
            dryRun: true,
            quiet: true,
            command: "report",
          });
          const pending = check.wouldRun.filter((id) => id.startsWith("run:"));
          if (pending.length > 0)
            throw incomplete(cg.plan.id, pending.length, cg.plan.schedule.length, candidate);
          const made = await runMake(ctx, cg.graph, [cg.goal], {
            locked: true,
            quiet: true,
            command: "report",
          });
          if (made.failed.length > 0) return setExit(ExitCode.nodeFailed);
          output.out(await readFile(join(cg.plan.dir, `report.${flags.format}`), "utf8"));
          if (flags.open) openInDesktop(join(cg.plan.dir, "report.html"), output);
        });
      },
    );
}

/** Opens a file with the desktop's handler; on a machine without one, says where the file is. */
function openInDesktop(file: string, output: Output): void {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === "linux") {
    output.err(`no desktop here (DISPLAY is not set): open ${file} in a browser`);
    return;
  }
  const opener =
    process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  spawn(opener, [file], { detached: true, stdio: "ignore" })
    .on("error", () => output.err(`could not run ${opener}: open ${file} in a browser`))
    .unref();
}

export function request(candidate: string, flags: CampaignFlags): CampaignRequest {
  const r: CampaignRequest = { candidate };
  if (flags.baseline !== undefined) r.baseline = checkSlugShape(flags.baseline, "--baseline");
  if (flags.runs !== undefined) r.runs = flags.runs;
  if (flags.seed !== undefined) r.seed = flags.seed;
  if (flags.campaignId !== undefined) r.campaignId = flags.campaignId;
  return r;
}

function parseSeed(value: string): number {
  if (!/^\d{1,9}$/.test(value))
    throw new StagingError("--seed expects a whole number", {
      code: "E_USAGE",
      facts: { flag: "--seed", got: value },
    });
  return Number(value);
}

export function incomplete(id: string, pending: number, total: number, candidate: string): StagingError {
  return new StagingError(`Campaign ${id} is not complete: ${total - pending} of ${total} runs measured`, {
    code: "E_CAMPAIGN_INCOMPLETE",
    facts: { campaign: id, pending },
    hint: `run \`staging run-campaign ${candidate}\` (it resumes where it stopped)`,
  });
}
