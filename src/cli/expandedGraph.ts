import type { MakeResult } from "../engine/make.js";
import type { TaskGraph } from "../engine/TaskGraph.js";
import type { CampaignRequest } from "../staging/campaign/CampaignRequest.js";
import { nodeIds, parseNodeId } from "../staging/graph/nodeIds.js";
import { campaignPreflight } from "./campaignPreflight.js";
import { campaignRecords, requestOf } from "./campaignRecords.js";
import type { CliContext } from "./CliContext.js";
import { resolveTargets } from "./resolveTargets.js";
import { runMake } from "./runMake.js";

/**
 * The graph as far as a dry run can see it from these targets: campaigns named by a target (a
 * candidate's, or one on disk by its id) are planned, and their plans expanded into their nodes.
 * Reads only: no lock, nothing written.
 */
export async function expandedGraph(
  ctx: CliContext,
  targets: readonly string[],
): Promise<{ graph: TaskGraph; ids: string[]; dry: MakeResult }> {
  const requests: CampaignRequest[] = [];
  for (const target of targets) {
    const id = parseNodeId(target);
    if (id?.kind === "plan" || id?.kind === "campaign" || id?.kind === "promote") {
      requests.push(await campaignPreflight(ctx, { candidate: id.candidate }));
    } else if (id && "campaign" in id) {
      const found = (await campaignRecords(ctx)).find((c) => c.id === id.campaign);
      if (found) requests.push(requestOf(found));
    }
  }
  const graph = await ctx.graph({ campaigns: requests });
  const roots = [
    ...new Set([
      ...requests.map((r) => nodeIds.campaign(r.candidate)),
      ...targets.filter((t) => graph.has(t)),
    ]),
  ];
  const dry = await runMake(ctx, graph, roots.length > 0 ? roots : resolveTargets(graph, targets), {
    dryRun: true,
    quiet: true,
    command: "plan",
  });
  return { graph, ids: resolveTargets(graph, targets), dry };
}
