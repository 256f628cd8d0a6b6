import type { Deployment } from "../drivers/deploy/index.js";
import { kindOf } from "../staging/graph/nodeIds.js";
import type { CliContext } from "./CliContext.js";

/** The deployments the store's deploy records name: what staging last started, wherever it runs. */
export async function deployRecords(ctx: Pick<CliContext, "store">): Promise<Deployment[]> {
  const out: Deployment[] = [];
  for (const id of await ctx.store.list()) {
    if (kindOf(id) !== "deploy") continue;
    const dep = (await ctx.store.get(id))?.output as Deployment | undefined;
    if (dep) out.push(dep);
  }
  return out;
}
