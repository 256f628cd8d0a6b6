/** What a campaign's campaign.json must carry for the prototype's readers. */
export interface PrototypeCampaignInput {
  campaignId: string;
  baseline: string;
  candidate: string;
  /** The benchmark's platform modes, in its order. */
  modes: readonly string[];
  /** Rounds of the campaign. */
  runs: number;
  /** sha256 (hex) of the bytes of the campaign's benchmark copy. */
  benchmarkFileSha256: string;
  /** Cell summaries written so far: versions × modes × rounds once the campaign is complete. */
  cellsExecuted: number;
}

/** The fields of the prototype's campaign.json, with its names and meanings. */
export interface PrototypeCampaignFields {
  campaign_id: string;
  /** The copy's path; staging's is relative to the campaign folder (the prototype wrote it absolute). */
  benchmark_path: string;
  /** sha256 of the copy's bytes (not staging's normalized pin). */
  benchmark_hash: string;
  runs: number;
  platform_modes: string[];
  /** What the prototype's aggregator reads. */
  baseline_slug: string;
  candidate_slug: string;
  cells_executed: number;
}

/**
 * The prototype's campaign.json fields, to merge into the campaign.json staging writes: its
 * aggregator reads `baseline_slug` and `candidate_slug`, its tests `cells_executed`.
 */
export function prototypeCampaignFields(input: PrototypeCampaignInput): PrototypeCampaignFields {
  return {
    campaign_id: input.campaignId,
    benchmark_path: "benchmark/benchmark.yaml",
    benchmark_hash: input.benchmarkFileSha256,
    runs: input.runs,
    platform_modes: [...input.modes],
    baseline_slug: input.baseline,
    candidate_slug: input.candidate,
    cells_executed: input.cellsExecuted,
  };
}
