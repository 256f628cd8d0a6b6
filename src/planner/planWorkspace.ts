import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { snapshotBuildRecipe } from "../config/snapshotBuildRecipe.js";
import { canonicalJson, sha256Hex } from "../engine/hashing.js";
import { taskNode } from "../engine/defineTask.js";
import { TaskGraph } from "../engine/TaskGraph.js";
import type { TaskNode } from "../engine/TaskNode.js";
import type { CampaignRequest } from "../staging/campaign/CampaignRequest.js";
import { deployRecipe } from "../staging/deploy/deploySpec.js";
import { targetPool } from "../staging/graph/nodeIds.js";
import { recipeKey } from "../staging/images/buildImage.js";
import type { VersionEntry } from "../staging/versions/index.js";
import { campaignTask } from "../../tasks/campaign.js";
import { deployTask } from "../../tasks/deploy.js";
import { fingerprintTask } from "../../tasks/fingerprint.js";
import { imageTask } from "../../tasks/image.js";
import { planTask } from "../../tasks/plan.js";
import { promoteTask } from "../../tasks/promote.js";
import { campaignNodes } from "./campaignNodes.js";
import type { PlannerInputs } from "./PlannerInputs.js";

/**
 * The one planner: every node of the workspace. A fingerprint per version; an image (and a deploy)
 * per version and mode with a recipe; and per candidate its campaign: a plan node whose output
 * declares the campaign's rounds, looks, aggregate and report, the `campaign:<candidate>` goal and
 * `promote:<candidate>`.
 */
export function planWorkspace(inputs: PlannerInputs): TaskGraph {
  const nodes: TaskNode[] = [];
  for (const version of inputs.versions) nodes.push(...versionNodes(inputs, version));
  for (const request of campaignRequests(inputs)) nodes.push(...campaignGoal(inputs, request));
  return new TaskGraph(nodes);
}

function versionNodes(inputs: PlannerInputs, version: VersionEntry): TaskNode[] {
  const { workspace, config, targets, drivers } = inputs;
  const nodes: TaskNode[] = [
    taskNode(fingerprintTask, { slug: version.slug, snapshotDir: join(version.dir, "snapshot") }),
  ];
  if (!targets) return nodes;
  for (const [mode, recipe] of Object.entries(config.modes)) {
    if (!recipe.build) continue;
    nodes.push(
      taskNode(imageTask, {
        slug: version.slug,
        mode,
        workspaceRoot: workspace.root,
        workspaceName: basename(workspace.root),
        stagingDir: workspace.stagingDir,
        versionDir: version.dir,
        recipe: snapshotBuildRecipe(
          recipe.build,
          { workspaceRoot: workspace.root, versionDir: version.dir },
          (path) => existsSync(join(workspace.root, path)),
        ),
        builder: config.builder,
        configDir: configDir(inputs),
        ...targets,
      }),
    );
    if (drivers && recipe.deploy)
      nodes.push(taskNode(deployTask, { slug: version.slug, mode, workspace, config, targets, drivers }));
  }
  return nodes;
}

/** The requested campaigns, and the benchmark's default one for every other candidate. */
function campaignRequests(inputs: PlannerInputs): CampaignRequest[] {
  if (!inputs.benchmark || !inputs.targets) return [];
  const requested = [...(inputs.campaigns ?? [])];
  for (const v of inputs.versions) {
    if (v.status === "candidate" && !requested.some((r) => r.candidate === v.slug))
      requested.push({ candidate: v.slug });
  }
  return requested.filter((r) => baselineOf(inputs, r) !== undefined);
}

function baselineOf(inputs: PlannerInputs, request: CampaignRequest): string | undefined {
  if (request.baseline) return request.baseline;
  const baselines = inputs.versions.filter((v) => v.status === "baseline");
  const only = baselines.length === 1 ? baselines[0]!.slug : undefined;
  return only === request.candidate ? undefined : only;
}

function campaignGoal(inputs: PlannerInputs, request: CampaignRequest): TaskNode[] {
  const benchmark = inputs.benchmark!;
  const targets = inputs.targets!;
  const baseline = baselineOf(inputs, request)!;
  const modes = benchmark.benchmark.platform_modes;
  const { kind, id, os, arch } = targets.targetIdentity;
  const plan = taskNode(planTask, {
    // The baseline named, so a request that names it and one that finds it plan alike.
    request: { ...request, baseline },
    facts: {
      baseline,
      benchmarkHash: benchmark.hash,
      modes,
      runs: benchmark.benchmark.runs,
      target: { kind, id, os, arch },
      recipes: recipesDigest(inputs, modes),
    },
    declare: (p) =>
      campaignNodes(inputs, {
        workspace: inputs.workspace,
        plan: p,
        benchmark,
        measure: inputs.measure ?? noInstruments,
        pool: targetPool(targets.target.name),
      }),
  });
  const goal = taskNode(campaignTask, { candidate: request.candidate });
  const version = inputs.versions.find((v) => v.slug === request.candidate);
  const base = inputs.versions.find((v) => v.slug === baseline);
  const promote = taskNode(promoteTask, {
    candidate: request.candidate,
    workspace: inputs.workspace,
    statuses: { candidate: version?.status ?? "unknown", baseline: base?.status ?? "unknown" },
    force: inputs.forcePromote ?? false,
  });
  return [plan, goal, promote];
}

/** The build and deploy recipes of the campaign's modes, as one digest of its identity. */
function recipesDigest(inputs: PlannerInputs, modes: readonly string[]): string {
  const recipes = Object.fromEntries(
    modes.map((mode) => {
      const build = inputs.config.modes[mode]?.build;
      return [
        mode,
        {
          build: build ? recipeKey(build, configDir(inputs)) : null,
          deploy: deployRecipe(inputs.config, mode),
        },
      ];
    }),
  );
  return sha256Hex(canonicalJson({ builder: inputs.config.builder, recipes }));
}

function configDir(inputs: PlannerInputs): string | undefined {
  return inputs.config.configFile ? dirname(inputs.config.configFile) : undefined;
}

async function noInstruments(): Promise<never> {
  throw new Error("this graph was planned without measuring instruments");
}
