import type { InputManifest } from "./InputManifest.js";
import type { NodeRecord } from "./NodeRecord.js";
import type { RunSummary } from "./RunSummary.js";

/**
 * Where records live. Writes are atomic: after a crash a record is either the old one or the
 * new one. A record that cannot be read (corrupt, other format) reads as undefined and is reported
 * through `onDiscard`, so the node is rebuilt instead of crashing the run.
 */
export interface Store {
  get(id: string): Promise<NodeRecord | undefined>;
  /** The manifest a record was keyed by; kept apart since a tree's manifest can be large. */
  getManifest(id: string): Promise<InputManifest | undefined>;
  /**
   * `manifest` is the InputManifest as JSON text in parts, to be written in order: a large tree's
   * file map is one part, the hasher's own text, written without being copied into one string.
   */
  put(record: NodeRecord, manifest: readonly string[]): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ids of every record in the store. */
  list(): Promise<string[]>;
  /** Marks a node as running, so a crash leaves a trace that `status` can name. */
  markInflight(id: string): Promise<void>;
  clearInflight(id: string): Promise<void>;
  inflight(): Promise<string[]>;
  writeRunSummary(summary: RunSummary): Promise<void>;
  /** Makes every write so far durable; `make` calls it before it returns. */
  flush(): Promise<void>;
}
