import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { ExitCode, StagingError } from "../../errors/index.js";
import { analyseRounds } from "../../staging/campaign/analyseRounds.js";
import { loadBenchmark } from "../../staging/benchmark/index.js";
import { renderReportJson, renderReportMarkdown } from "../../staging/report/index.js";
import { checkSlugShape } from "../../staging/versions/index.js";
import { pickCampaign, type CampaignRecord } from "../campaignRecords.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";

export function reportAction(output: Output, setExit: (code: number) => void) {
  return async (
    candidate: string,
    flags: { campaignId?: string; format: string; open?: boolean },
    command: Command,
  ) => {
    if (!["md", "json"].includes(flags.format))
      throw new StagingError("Unknown report format", {
        code: "E_USAGE",
        facts: { flag: "--format", expected: "md | json", got: flags.format },
      });
    checkSlugShape(candidate, "candidate");
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const campaign = await pickCampaign(ctx, candidate, flags.campaignId);
    output.err(
      `campaign ${campaign.id} (${campaign.state}, ${campaign.measured.length} of ${campaign.planned} rounds measured)`,
    );
    if (campaign.state === "complete") {
      output.out(await readFile(join(campaign.dir, `report.${flags.format}`), "utf8"));
      if (flags.open) openInDesktop(join(campaign.dir, "report.html"), output);
      return;
    }
    output.out(await partialReport(campaign, flags.format));
    if (campaign.state === "running") {
      output.err(
        `campaign ${campaign.id} is still running: these are the figures of the rounds measured so far`,
      );
      setExit(ExitCode.locked);
    } else {
      output.err(
        `campaign ${campaign.id} is not complete: run \`staging run-campaign ${candidate}\` to resume it`,
      );
      setExit(ExitCode.badInput);
    }
  };
}

/**
 * `report <candidate>`: the report of the candidate's latest campaign (or the one named). It only
 * reads: no lock, nothing written. A campaign still running or interrupted gets the figures of
 * the rounds measured so far, marked as such.
 */

/** The analysis of the rounds recorded so far, rendered in memory. */
async function partialReport(campaign: CampaignRecord, format: string): Promise<string> {
  const benchmark = await loadBenchmark(join(campaign.dir, campaign.json.benchmark_path), {
    requiredModes: [],
  });
  const rounds = Math.max(0, ...campaign.measured.map((r) => r.round));
  const analysis = analyseRounds(campaign.plan, benchmark.benchmark, campaign.measured, rounds);
  const aggregate = { ...analysis.aggregate, created_at: campaign.json.created_at };
  const text = format === "json" ? renderReportJson(aggregate) : renderReportMarkdown(aggregate);
  return format === "json"
    ? text
    : `> PARTIAL: ${campaign.state}, ${campaign.measured.length} of ${campaign.planned} rounds measured\n\n${text}`;
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
