import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { InputManifest } from "../engine/InputManifest.js";
import { RECORD_FORMAT, type NodeRecord } from "../engine/NodeRecord.js";
import type { RunSummary } from "../engine/RunSummary.js";
import type { Store } from "../engine/Store.js";
import { atomicWrite } from "./atomicWrite.js";

/**
 * The store under `<workspace>/.staging/`: one record and one manifest file per node, written
 * atomically; the record is the commit point (manifest first, then record). A record that cannot
 * be read is reported and treated as absent, so the node rebuilds.
 */
export class FsStore implements Store {
  constructor(
    readonly dir: string,
    private readonly onDiscard: (message: string) => void = () => {},
  ) {}

  async get(id: string): Promise<NodeRecord | undefined> {
    const text = await readIfExists(this.path("nodes", id));
    if (text === undefined) return undefined;
    try {
      const record = JSON.parse(text) as NodeRecord;
      if (record.format !== RECORD_FORMAT || record.id !== id || typeof record.key !== "string") {
        this.onDiscard(`record of ${id} has another format (${String(record.format)}); it will be rebuilt`);
        return undefined;
      }
      return record;
    } catch {
      this.onDiscard(`record of ${id} is corrupt; it will be rebuilt`);
      return undefined;
    }
  }

  async getManifest(id: string): Promise<InputManifest | undefined> {
    const text = await readIfExists(this.path("manifests", id));
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as InputManifest;
    } catch {
      return undefined;
    }
  }

  async put(record: NodeRecord, manifest: InputManifest): Promise<void> {
    await atomicWrite(this.path("manifests", record.id), JSON.stringify(manifest));
    await atomicWrite(this.path("nodes", record.id), JSON.stringify(record, null, 2) + "\n");
  }

  async delete(id: string): Promise<void> {
    await rm(this.path("nodes", id), { force: true });
    await rm(this.path("manifests", id), { force: true });
  }

  async list(): Promise<string[]> {
    return (await listDir(join(this.dir, "nodes"))).filter((f) => f.endsWith(".json")).map((f) => decodeId(f.slice(0, -5)));
  }

  async markInflight(id: string): Promise<void> {
    await mkdir(join(this.dir, "inflight"), { recursive: true });
    await writeFile(this.path("inflight", id), "");
  }

  async clearInflight(id: string): Promise<void> {
    await rm(this.path("inflight", id), { force: true });
  }

  async inflight(): Promise<string[]> {
    return (await listDir(join(this.dir, "inflight"))).filter((f) => f.endsWith(".json")).map((f) => decodeId(f.slice(0, -5)));
  }

  async writeRunSummary(summary: RunSummary): Promise<void> {
    await atomicWrite(join(this.dir, "runs", `${summary.runId}.json`), JSON.stringify(summary, null, 2) + "\n");
  }

  private path(kind: "nodes" | "manifests" | "inflight", id: string): string {
    return join(this.dir, kind, `${encodeId(id)}.json`);
  }
}

/** Node ids hold `:` and user slugs: one reversible, path-safe file name per id. */
export function encodeId(id: string): string {
  return encodeURIComponent(id).replace(/\./g, "%2E").replace(/\*/g, "%2A");
}

function decodeId(name: string): string {
  return decodeURIComponent(name);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
