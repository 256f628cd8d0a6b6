import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { StagingError } from "../../errors/index.js";
import type { Workspace } from "../workspace/index.js";
import { campaignKey, type CampaignIdentity } from "./CampaignIdentity.js";
import type { CampaignPlan } from "./CampaignPlan.js";
import { buildSchedule } from "./schedule.js";

interface CampaignJson extends CampaignIdentity {
  campaign_id: string;
  key: string;
  created_at: string;
  benchmark_path: string;
  /** sha256 of the benchmark copy's bytes, as the prototype recorded it. */
  benchmark_file_sha256: string;
}

/**
 * Prepares `campaigns/<id>/` before the first run: a copy of the benchmark folder, campaign.json
 * and schedule.json, made in a temporary folder and renamed into place. An existing folder is
 * resumed only if it was made with the same inputs; another campaign's name is refused.
 */
export async function prepareCampaign(
  ws: Workspace,
  id: string,
  identity: CampaignIdentity,
  now: Date,
): Promise<CampaignPlan> {
  const dir = join(ws.root, "campaigns", id);
  const key = campaignKey(identity);
  const schedule = buildSchedule(
    [identity.baseline, identity.candidate],
    identity.modes,
    identity.runs,
    identity.seed,
  );
  if (existsSync(join(dir, "campaign.json"))) {
    const found = JSON.parse(await readFile(join(dir, "campaign.json"), "utf8")) as CampaignJson;
    if (found.key !== key) throw conflict(id, dir, found, identity);
    return { id, key, dir, identity, schedule, createdAt: found.created_at };
  }
  const tmp = join(ws.stagingDir, "tmp", `campaign-${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(tmp, { recursive: true });
  try {
    const benchmarkDir = dirname(ws.benchmarkPath);
    await cp(benchmarkDir, join(tmp, "benchmark"), {
      recursive: true,
      filter: (src) => !src.includes(`${benchmarkDir}/node_modules`),
    });
    const copy = await readFile(join(tmp, "benchmark", "benchmark.yaml"));
    const createdAt = now.toISOString().replace(/\.\d{3}Z$/, "Z");
    const json: CampaignJson = {
      campaign_id: id,
      key,
      created_at: createdAt,
      benchmark_path: "benchmark/benchmark.yaml",
      benchmark_file_sha256: createHash("sha256").update(copy).digest("hex"),
      ...identity,
    };
    await writeFile(join(tmp, "campaign.json"), JSON.stringify(json, null, 2) + "\n");
    await writeFile(join(tmp, "schedule.json"), JSON.stringify(schedule, null, 2) + "\n");
    await mkdir(dirname(dir), { recursive: true });
    await rename(tmp, dir);
    return { id, key, dir, identity, schedule, createdAt };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
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
