/** What a command asks of a candidate's campaign; what it leaves out comes from the benchmark. */
export interface CampaignRequest {
  candidate: string;
  /** @default the workspace's baseline */
  baseline?: string;
  /** A fixed number of rounds (`--runs`). @default the benchmark's runs */
  runs?: number;
  /** Add rounds until every critical metric is decided, up to `maxRuns` (`--until-decided`). */
  untilDecided?: boolean;
  /** The budget of `untilDecided`. @default the benchmark's runs.max, else three times the rounds */
  maxRuns?: number;
  /** Seed of the order of modes and versions within rounds. @default 1 */
  seed?: number;
  /** The campaign folder's name. @default `<candidate>-vs-<baseline>-<8 hex of the identity>` */
  campaignId?: string;
}
