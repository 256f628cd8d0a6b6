import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { StagingError } from "../../errors/index.js";
import type { Workspace } from "../workspace/index.js";
import { atomicWrite } from "../../fsutil/atomicWrite.js";
import { prototypeCampaignFields, type PrototypeCampaignFields } from "../report/prototype/index.js";
import type { CampaignIdentity } from "./CampaignIdentity.js";
import { campaignDir, type CampaignPlan } from "./CampaignPlan.js";

/** `campaign.json`: the identity and plan of a campaign, with the prototype's fields. */
export interface CampaignJson extends CampaignIdentity, PrototypeCampaignFields {
  key: string;
  created_at: string;
  looks: number[];
}

/**
 * Makes `campaigns/<id>/` before the first round: a copy of the benchmark folder, campaign.json and
 * schedule.json, made in a temporary folder and renamed into place. An existing folder is kept
 * only if it was made with the same inputs; another campaign's name is refused.
 */
export async function prepareCampaignFolder(ws: Workspace, plan: CampaignPlan, now: Date): Promise<void> {
  const dir = join(ws.root, campaignDir(plan.id));
  if (await checkCampaignFolder(ws, plan)) return;
  const tmp = join(ws.stagingDir, "tmp", `campaign-${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(tmp, { recursive: true });
  try {
    const benchmarkDir = dirname(ws.benchmarkPath);
    await cp(benchmarkDir, join(tmp, "benchmark"), {
      recursive: true,
      filter: (src) => !src.includes(`${benchmarkDir}/node_modules`),
    });
    // The file the workspace names, whatever its name: the copy is always benchmark/benchmark.yaml.
    const copy = await readFile(ws.benchmarkPath);
    await writeFile(join(tmp, "benchmark", "benchmark.yaml"), copy);
    const json: CampaignJson = {
      ...plan.identity,
      ...prototypeCampaignFields({
        campaignId: plan.id,
        baseline: plan.identity.baseline,
        candidate: plan.identity.candidate,
        modes: plan.identity.modes,
        runs: plan.identity.rounds.max,
        benchmarkFileSha256: createHash("sha256").update(copy).digest("hex"),
        cellsExecuted: 0,
      }),
      key: plan.key,
      created_at: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      looks: plan.looks,
    };
    await writeFile(join(tmp, "campaign.json"), JSON.stringify(json, null, 2) + "\n");
    await writeFile(join(tmp, "schedule.json"), JSON.stringify(plan.schedule, null, 2) + "\n");
    await mkdir(dirname(dir), { recursive: true });
    await rename(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * True when the plan's folder exists and was made by this very campaign; false when there is
 * none. Another campaign's folder of the same name is refused: runs are never mixed.
 */
export async function checkCampaignFolder(ws: Workspace, plan: CampaignPlan): Promise<boolean> {
  const dir = join(ws.root, campaignDir(plan.id));
  const found = await readCampaignJson(dir);
  if (!found) return false;
  if (found.key !== plan.key) throw conflict(plan.id, dir, found, plan.identity);
  return true;
}

/** The campaign.json of a campaign folder, or undefined where there is none. */
export async function readCampaignJson(dir: string): Promise<CampaignJson | undefined> {
  const file = join(dir, "campaign.json");
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(await readFile(file, "utf8")) as CampaignJson;
  } catch (cause) {
    throw new StagingError("A campaign.json cannot be read", {
      code: "E_CAMPAIGN_FILE",
      facts: { file, error: cause instanceof Error ? cause.message : String(cause) },
      hint: "restore it from a copy, or remove the campaign folder",
      cause,
    });
  }
}

/** Records in campaign.json how many cell summaries the campaign wrote (the prototype's `cells_executed`). */
export async function recordCellsExecuted(dir: string, cells: number): Promise<void> {
  const json = await readCampaignJson(dir);
  if (!json || json.cells_executed === cells) return;
  await atomicWrite(
    join(dir, "campaign.json"),
    JSON.stringify({ ...json, cells_executed: cells }, null, 2) + "\n",
  );
}

/** Every campaign folder of the workspace with its campaign.json, in name order. */
export async function listCampaignFolders(ws: Workspace): Promise<{ dir: string; json: CampaignJson }[]> {
  const root = join(ws.root, "campaigns");
  const names = (await readdir(root).catch(() => [] as string[])).sort();
  const out: { dir: string; json: CampaignJson }[] = [];
  for (const name of names) {
    const json = await readCampaignJson(join(root, name));
    if (json && json.campaign_id === name) out.push({ dir: join(root, name), json });
  }
  return out;
}

function conflict(id: string, dir: string, found: CampaignJson, identity: CampaignIdentity): StagingError {
  const differs = (Object.keys(identity) as (keyof CampaignIdentity)[]).filter(
    (k) => JSON.stringify(found[k]) !== JSON.stringify(identity[k]),
  );
  return new StagingError(
    `Campaign ${id} exists with other inputs; runs of different campaigns are never mixed`,
    {
      code: "E_CAMPAIGN_CONFLICT",
      facts: { campaign: dir, differs: differs.join(", ") || "(its key)" },
      hint: "drop --campaign-id to get a new campaign's default id, or pick another id",
    },
  );
}
