import { TaskGraph } from "../engine/TaskGraph.js";
import { taskNode } from "../engine/defineTask.js";
import type { TaskNode } from "../engine/TaskNode.js";
import { StagingError } from "../errors/index.js";
import {
  defaultCampaignId,
  validateCampaignId,
  type CampaignIdentity,
} from "../staging/campaign/CampaignIdentity.js";
import type { CampaignPlan } from "../staging/campaign/CampaignPlan.js";
import { prepareCampaign } from "../staging/campaign/prepareCampaign.js";
import { DeployEnv } from "../staging/deploy/DeployEnv.js";
import { MeasureEnv } from "../staging/measure/MeasureEnv.js";
import { findBaseline, listVersions, pickVersion } from "../staging/versions/index.js";
import { loadWorkspaceBenchmark } from "../staging/workspace/index.js";
import { aggregateTask } from "../../tasks/aggregate.js";
import type { FingerprintOutput } from "../../tasks/fingerprint.js";
import { promoteTask } from "../../tasks/promote.js";
import { reportTask } from "../../tasks/report.js";
import { runTask } from "../../tasks/run.js";
import type { CliContext } from "./CliContext.js";
import { runMake } from "./runMake.js";

export interface CampaignRequest {
  candidate: string;
  baseline?: string;
  runs?: number;
  seed?: number;
  campaignId?: string;
  /** Add the promote node (with this force flag). */
  promote?: { force: boolean };
}

/** A campaign ready to make: its plan, and the workspace graph with its nodes added. */
export interface CampaignGraph {
  plan: CampaignPlan;
  graph: TaskGraph;
  /** The node that completes the request: report or promote. */
  goal: string;
}

/**
 * Plans a campaign the same way for `make campaign:<candidate>`, `run-campaign` and `promote`:
 * fingerprints both versions (a real, recorded make), pins the benchmark, derives the campaign's
 * identity and id, prepares its folder, and declares its run, aggregate and report nodes.
 * The caller holds the workspace lock.
 */
export async function campaignGraph(ctx: CliContext, request: CampaignRequest): Promise<CampaignGraph> {
  const versions = await listVersions(ctx.workspace);
  const candidate = pickVersion(versions, request.candidate, ctx.workspace);
  const baseline = request.baseline
    ? pickVersion(versions, request.baseline, ctx.workspace)
    : await findBaseline(ctx.workspace);
  if (!baseline) throw noBaseline();
  if (baseline.slug === candidate.slug) throw sameVersion(candidate.slug);
  const benchmark = await loadWorkspaceBenchmark(ctx.workspace);
  const modes = benchmark.benchmark.platform_modes;
  for (const mode of modes) if (!ctx.config.modes[mode]?.build) throw noRecipe(mode);
  const base = await ctx.graph();
  const fingerprints = await runMake(
    ctx,
    base,
    [`fingerprint:${baseline.slug}`, `fingerprint:${candidate.slug}`],
    { command: "campaign fingerprints", quiet: true, locked: true },
  );
  const fp = (slug: string) =>
    (fingerprints.outputs.get(`fingerprint:${slug}`) as FingerprintOutput).snapshot_fingerprint;
  const targets = await ctx.targets();
  const { kind, id, os, arch } = targets.targetIdentity;
  const identity: CampaignIdentity = {
    candidate: candidate.slug,
    baseline: baseline.slug,
    candidate_fingerprint: fp(candidate.slug),
    baseline_fingerprint: fp(baseline.slug),
    benchmark_hash: benchmark.hash,
    modes,
    target: { kind, id, os, arch },
    runs: request.runs ?? benchmark.benchmark.runs,
    seed: request.seed ?? 1,
  };
  const campaignId = validateCampaignId(request.campaignId ?? defaultCampaignId(identity));
  const plan = await prepareCampaign(ctx.workspace, campaignId, identity, new Date());
  const deployEnv = new DeployEnv(ctx.workspace, ctx.config, targets);
  let measure: Promise<MeasureEnv> | undefined;
  const nodes: TaskNode[] = [...base.nodes.values()];
  for (const run of plan.schedule) {
    const recipes = { deploy: deployEnv.recipe(run.mode), load: benchmark.benchmark.load };
    nodes.push(
      taskNode(runTask, {
        plan,
        run,
        recipes,
        measure: () => (measure ??= MeasureEnv.open(deployEnv, benchmark)),
      }),
    );
  }
  nodes.push(
    taskNode(aggregateTask, { plan, metrics: benchmark.benchmark.metrics }),
    taskNode(reportTask, { plan }),
  );
  let goal = `report:${plan.id}`;
  if (request.promote) {
    nodes.push(
      taskNode(promoteTask, {
        workspace: ctx.workspace,
        plan,
        statuses: { candidate: candidate.status, baseline: baseline.status },
        force: request.promote.force,
      }),
    );
    goal = `promote:${candidate.slug}`;
  }
  return { plan, graph: new TaskGraph(nodes), goal };
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
