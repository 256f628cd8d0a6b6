/** The statuses a node ends a `make` with. */
export type NodeStatus =
  /** Its action ran and its record was written. */
  | "executed"
  /** A record with its key existed and its live check agreed. */
  | "up-to-date"
  /** Its action threw, or its check could not run. */
  | "failed"
  /** Not reached: a dependency failed, or the run stopped first. */
  | "skipped"
  /** Its action was stopped by SIGINT; it reruns next time. */
  | "interrupted"
  /** Dry run: would run. */
  | "would-run";

/** Why a node runs, as data: `reason` words it for people. */
export type ReasonKind =
  | "never-run"
  | "interrupted"
  | "forced"
  | "inputs-changed"
  | "live-check"
  | "upstream"
  | "up-to-date"
  | "other";

/** One node's line in a run summary. */
export interface NodeOutcome {
  id: string;
  status: NodeStatus;
  /** Why it ran or why it did not, in `explain`'s words. */
  reason: string;
  /** The kind of `reason`, for code that decides by it. */
  reasonKind?: ReasonKind;
  durationMs: number;
  /** True when its inputs changed while its action ran: the record was not written. */
  staleAfterRun?: boolean;
  /** True when the output digest equals the previous record's (early cutoff). */
  outputUnchanged?: boolean;
  error?: string;
}

/** What `.staging/runs/<runId>.json` holds. */
export interface RunSummary {
  runId: string;
  startedAt: string;
  /** Null while the make still runs (a summary left by a killed make). */
  finishedAt: string | null;
  targets: string[];
  dryRun: boolean;
  nodes: NodeOutcome[];
}
