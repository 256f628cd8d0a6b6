import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { preflightBuild } from "../staging/images/preflightBuild.js";
import { StagingError } from "../errors/index.js";
import { validateCampaignId } from "../staging/campaign/CampaignIdentity.js";
import { MAX_ROUNDS } from "../staging/report/index.js";
import type { CampaignRequest } from "../staging/campaign/CampaignRequest.js";
import { loadRequests } from "../staging/measure/loadCorpus.js";
import { findBaseline, pickVersion } from "../staging/versions/index.js";
import { loadWorkspaceBenchmark } from "../staging/workspace/index.js";
import type { CliContext } from "./CliContext.js";

/**
 * Everything a campaign needs that can be checked before anything runs or is written: both
 * versions, the baseline, the benchmark and its corpora, a recipe per mode, the campaign id.
 * Returns the request with its baseline named.
 */
export async function campaignPreflight(ctx: CliContext, request: CampaignRequest): Promise<CampaignRequest> {
  if (request.campaignId !== undefined) validateCampaignId(request.campaignId);
  for (const [flag, value] of [
    ["--runs", request.runs],
    ["--max-runs", request.maxRuns],
  ] as const) {
    if (value !== undefined && (value < 1 || value > MAX_ROUNDS)) throw outOfRange(flag, value);
  }
  const versions = await ctx.versions();
  const candidate = pickVersion(versions, request.candidate, ctx.workspace);
  const baseline = request.baseline
    ? pickVersion(versions, request.baseline, ctx.workspace)
    : await findBaseline(ctx.workspace);
  if (!baseline) throw noBaseline();
  if (baseline.slug === candidate.slug) throw sameVersion(candidate.slug);
  const benchmark = await loadWorkspaceBenchmark(ctx.workspace);
  for (const mode of benchmark.benchmark.platform_modes)
    if (!ctx.config.modes[mode]?.build) throw noRecipe(mode);
  await loadRequests(benchmark.benchmark, dirname(ctx.workspace.benchmarkPath));
  const builds = [candidate, baseline].flatMap((v) =>
    benchmark.benchmark.platform_modes.map((mode) => ({
      slug: v.slug,
      mode,
      versionDir: v.dir,
      recipe: ctx.config.modes[mode]!.build!,
    })),
  );
  await preflightBuild((await ctx.targets()).target, builds, {
    workspaceRoot: ctx.workspace.root,
    builder: ctx.config.builder,
    exists: (path) => existsSync(join(ctx.workspace.root, path)),
  });
  return { ...request, baseline: baseline.slug };
}

function outOfRange(flag: string, value: number): StagingError {
  return new StagingError(`${flag} is out of range`, {
    code: "E_USAGE",
    facts: { flag, expected: `a whole number from 1 to ${MAX_ROUNDS}`, got: value },
  });
}

function noBaseline(): StagingError {
  return new StagingError("No baseline version found", {
    code: "E_NO_BASELINE",
    hint: "set the first baseline with `staging set-baseline <slug>`, or pass --baseline <slug>",
  });
}

function sameVersion(slug: string): StagingError {
  return new StagingError(`The candidate ${slug} is the baseline itself`, {
    code: "E_CAMPAIGN_VERSIONS",
    facts: { candidate: slug, baseline: slug },
    hint: "compare another version, or pass --baseline <slug>",
  });
}

function noRecipe(mode: string): StagingError {
  return new StagingError(`The benchmark runs mode ${mode}, which has no build recipe`, {
    code: "E_CONFIG",
    facts: {
      field: `modes.${mode}.build`,
      expected: "a build command or Dockerfile for every mode of benchmark.platform_modes",
    },
  });
}
