import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "../engine/hashing.js";
import { StagingError } from "../errors/index.js";
import type { CampaignPlan } from "../staging/campaign/CampaignPlan.js";
import { listCampaignFolders, type CampaignJson } from "../staging/campaign/campaignFolder.js";
import type { CampaignRequest } from "../staging/campaign/CampaignRequest.js";
import type { ReportOutput } from "../staging/campaign/ReportOutput.js";
import type { ScheduledRound } from "../staging/campaign/schedule.js";
import { nodeIds } from "../staging/graph/nodeIds.js";
import type { RoundOutput } from "../staging/measure/RoundOutput.js";
import { lockHolder } from "../store/FsLock.js";
import type { CliContext } from "./CliContext.js";

/** A campaign as found on disk and in the store, without taking the lock or writing anything. */
export interface CampaignRecord {
  id: string;
  dir: string;
  json: CampaignJson;
  plan: CampaignPlan;
  /** complete: its report is recorded and intact; running: a live staging process works on it. */
  state: "complete" | "running" | "interrupted";
  /** Round records (one per mode and round) found in the store. */
  measured: RoundOutput[];
  /** Mode-rounds the campaign may run: its schedule up to the most rounds. */
  planned: number;
  report: ReportOutput | undefined;
}

/** Every campaign of the workspace (of one candidate if given), oldest first. */
export async function campaignRecords(ctx: CliContext, candidate?: string): Promise<CampaignRecord[]> {
  const holder = await lockHolder(join(ctx.stagingDir, "lock"));
  const inflight = new Set(await ctx.store.inflight());
  const out: CampaignRecord[] = [];
  for (const { dir, json } of await listCampaignFolders(ctx.workspace)) {
    if (candidate !== undefined && json.candidate !== candidate) continue;
    const plan = await planOf(dir, json);
    const measured: RoundOutput[] = [];
    for (const r of plan.schedule) {
      const record = await ctx.store.get(nodeIds.round(plan.id, r.mode, r.round));
      if (record) measured.push(record.output as RoundOutput);
    }
    const report = await intactReport(ctx, plan.id, dir);
    const busy =
      holder?.alive === true &&
      (holder.command.includes(json.candidate) || [...inflight].some((id) => id.includes(`:${plan.id}:`)));
    const state = report ? "complete" : busy ? "running" : "interrupted";
    out.push({ id: plan.id, dir, json, plan, state, measured, planned: plan.schedule.length, report });
  }
  return out.sort((a, b) =>
    a.json.created_at < b.json.created_at
      ? -1
      : a.json.created_at > b.json.created_at
        ? 1
        : a.id < b.id
          ? -1
          : 1,
  );
}

/** The campaign a command means: the one named, else the candidate's latest. Refuses, writing nothing, when there is none. */
export async function pickCampaign(
  ctx: CliContext,
  candidate: string,
  campaignId?: string,
): Promise<CampaignRecord> {
  const all = await campaignRecords(ctx, candidate);
  const found = campaignId === undefined ? all.at(-1) : all.find((c) => c.id === campaignId);
  if (found) return found;
  throw new StagingError(
    campaignId === undefined
      ? `No campaign of ${candidate} yet`
      : `No campaign ${campaignId} of ${candidate}`,
    {
      code: "E_NO_CAMPAIGN",
      facts: {
        candidate,
        ...(campaignId !== undefined ? { "campaign id": campaignId } : {}),
        campaigns: all.map((c) => c.id).join(", ") || "(none)",
      },
      hint: `run \`staging run-campaign ${candidate}\`; \`staging campaigns\` lists the campaigns`,
    },
  );
}

/** The request that plans this campaign again from its own files. */
export function requestOf(record: CampaignRecord): CampaignRequest {
  const { rounds, seed, candidate, baseline } = record.json;
  return {
    candidate,
    baseline,
    runs: rounds.min,
    ...(rounds.max > rounds.min ? { untilDecided: true, maxRuns: rounds.max } : {}),
    seed,
    campaignId: record.id,
  };
}

async function planOf(dir: string, json: CampaignJson): Promise<CampaignPlan> {
  const schedule = JSON.parse(await readFile(join(dir, "schedule.json"), "utf8")) as ScheduledRound[];
  const { campaign_id, key, looks, ...rest } = json;
  const identity = {
    candidate: rest.candidate,
    baseline: rest.baseline,
    candidate_fingerprint: rest.candidate_fingerprint,
    baseline_fingerprint: rest.baseline_fingerprint,
    benchmark_pinned_hash: rest.benchmark_pinned_hash,
    modes: rest.modes,
    target: rest.target,
    rounds: rest.rounds,
    seed: rest.seed,
    recipes: rest.recipes,
  };
  return { id: campaign_id, key, identity, schedule, looks };
}

async function intactReport(ctx: CliContext, id: string, dir: string): Promise<ReportOutput | undefined> {
  const record = await ctx.store.get(nodeIds.report(id));
  if (!record) return undefined;
  const output = record.output as ReportOutput;
  for (const [name, digest] of Object.entries(output.files)) {
    const text = await readFile(join(dir, name), "utf8").catch(() => null);
    if (text === null || sha256Hex(text) !== digest) return undefined;
  }
  return output;
}
