/** Version of the on-disk record format; a record of another version is rebuilt. */
export const RECORD_FORMAT = 1;

/** What the store keeps of a completed node. */
export interface NodeRecord<Output = unknown> {
  format: typeof RECORD_FORMAT;
  id: string;
  /** Hash of the canonical input manifest. */
  key: string;
  output: Output;
  /** Hash of the canonical output: what downstream keys see (early cutoff). */
  outputDigest: string;
  /** When the action last ran (ISO). */
  builtAt: string;
  /** When the output digest last changed (ISO); equals builtAt unless a rerun produced the same output. */
  changedAt: string;
  durationMs: number;
}
