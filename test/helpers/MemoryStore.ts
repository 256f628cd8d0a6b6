import type { InputManifest } from "../../src/engine/InputManifest.js";
import type { NodeRecord } from "../../src/engine/NodeRecord.js";
import type { RunSummary } from "../../src/engine/RunSummary.js";
import type { Store } from "../../src/engine/Store.js";

/** An in-memory store: records are deep-copied in and out, like a store on disk. */
export class MemoryStore implements Store {
  readonly records = new Map<string, string>();
  readonly manifests = new Map<string, string>();
  readonly running = new Set<string>();
  readonly summaries: RunSummary[] = [];

  async get(id: string): Promise<NodeRecord | undefined> {
    const text = this.records.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as NodeRecord);
  }
  async getManifest(id: string): Promise<InputManifest | undefined> {
    const text = this.manifests.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as InputManifest);
  }
  async put(record: NodeRecord, manifest: readonly string[]): Promise<void> {
    this.manifests.set(record.id, JSON.stringify(JSON.parse(manifest.join(""))));
    this.records.set(record.id, JSON.stringify(record));
  }
  async delete(id: string): Promise<void> {
    this.records.delete(id);
    this.manifests.delete(id);
  }
  async list(): Promise<string[]> {
    return [...this.records.keys()];
  }
  async markInflight(id: string): Promise<void> {
    this.running.add(id);
  }
  async clearInflight(id: string): Promise<void> {
    this.running.delete(id);
  }
  async inflight(): Promise<string[]> {
    return [...this.running];
  }
  async flush(): Promise<void> {}
  async writeRunSummary(summary: RunSummary): Promise<void> {
    this.summaries.push(JSON.parse(JSON.stringify(summary)) as RunSummary);
  }
}
