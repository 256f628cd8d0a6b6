import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { InputManifest } from "../engine/InputManifest.js";
import { RECORD_FORMAT, type NodeRecord } from "../engine/NodeRecord.js";
import type { RunSummary } from "../engine/RunSummary.js";
import type { Store } from "../engine/Store.js";
import { ExitCode, translateFsError } from "../errors/index.js";
import { atomicWrite } from "../fsutil/atomicWrite.js";
import { writeParts } from "../fsutil/writeParts.js";
import { processAlive } from "../fsutil/processAlive.js";
import { RecordLog, type LogEntry } from "./RecordLog.js";

/**
 * The store under `<workspace>/.staging/`: records and running-marks in an append-only,
 * checksummed log (`records.log`), manifests in one file per node (`manifests/`), run summaries
 * in `runs/`. The log is the commit point: a manifest is written before its record.
 * Writes happen only under the workspace lock; readers (status, explain) may read at any time.
 */
export class FsStore implements Store {
  private loaded: State | undefined;
  private readonly log: RecordLog;
  private compacted = false;

  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void = () => {},
  ) {
    this.log = new RecordLog(join(dir, "records.log"), warn);
  }

  async get(id: string): Promise<NodeRecord | undefined> {
    return this.state().records.get(id);
  }

  async getManifest(id: string): Promise<InputManifest | undefined> {
    const inline = this.state().manifests.get(id);
    if (inline) return inline;
    try {
      return JSON.parse(readFileSync(this.manifestPath(id), "utf8")) as InputManifest;
    } catch {
      return undefined;
    }
  }

  async put(record: NodeRecord, parts: readonly string[]): Promise<void> {
    this.prepareWrite();
    const length = parts.reduce((n, part) => n + part.length, 0);
    if (length <= INLINE_MANIFEST_BYTES) {
      const manifest = JSON.parse(parts.join("")) as InputManifest;
      this.append({ t: "record", id: record.id, record, manifest });
      return;
    }
    // A large manifest (a file tree) gets its own file, written before the record that commits
    // it. No fsync: losing one in a power cut only costs `explain` its detail.
    const path = this.manifestPath(record.id);
    const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      writeManifestFile(tmp, parts);
      renameSync(tmp, path);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw storeError(error, `write the manifest of ${record.id}`, path);
    }
    this.append({ t: "record", id: record.id, record });
  }

  async delete(id: string): Promise<void> {
    this.prepareWrite();
    this.append({ t: "delete", id });
    rmSync(this.manifestPath(id), { force: true });
  }

  async list(): Promise<string[]> {
    return [...this.state().records.keys()].sort();
  }

  async markInflight(id: string): Promise<void> {
    this.prepareWrite();
    this.append({ t: "start", id });
  }

  async clearInflight(id: string): Promise<void> {
    if (this.state().running.has(id)) this.append({ t: "end", id });
  }

  async inflight(): Promise<string[]> {
    return [...this.state().running].sort();
  }

  async writeRunSummary(summary: RunSummary): Promise<void> {
    const path = join(this.dir, "runs", `${summary.runId}.json`);
    await atomicWrite(path, JSON.stringify(summary, null, 2) + "\n").catch((error: unknown) => {
      throw storeError(error, "write the run summary", path);
    });
  }

  async flush(): Promise<void> {
    await this.log.flush();
  }

  /** Reloads from disk on next access (another process may have written). */
  reload(): void {
    this.loaded = undefined;
  }

  private state() {
    if (this.loaded) return this.loaded;
    const { entries, lines, damaged } = this.log.read();
    const state: State = {
      records: new Map(),
      manifests: new Map(),
      running: new Set(),
      lines,
      damaged,
    };
    for (const entry of entries) apply(entry, state, this.warn);
    return (this.loaded = state);
  }

  private append(entry: LogEntry): void {
    const s = this.state();
    this.log.append(entry);
    s.lines++;
    apply(entry, s, this.warn);
  }

  /**
   * The first write of a process creates folders and compacts a log grown well past its live
   * size, or holding damaged lines (so their warning is given once, not by every later command).
   */
  private prepareWrite(): void {
    if (this.compacted) return;
    this.compacted = true;
    const manifests = join(this.dir, "manifests");
    try {
      mkdirSync(manifests, { recursive: true });
    } catch (error) {
      throw storeError(error, "create the store's folders", manifests);
    }
    for (const folder of [manifests, join(this.dir, "runs")]) removeDeadTemps(folder);
    const s = this.state();
    if (s.damaged > 0 || s.lines > 2 * (s.records.size + s.running.size) + 100) {
      const live: LogEntry[] = [...s.records].map(([id, record]) => {
        const manifest = s.manifests.get(id);
        return manifest ? { t: "record", id, record, manifest } : { t: "record", id, record };
      });
      live.push(...[...s.running].map((id): LogEntry => ({ t: "start", id })));
      this.log.compact(live);
      s.lines = live.length;
      s.damaged = 0;
    }
  }

  private manifestPath(id: string): string {
    return join(this.dir, "manifests", `${encodeId(id)}.json`);
  }
}

interface State {
  records: Map<string, NodeRecord>;
  manifests: Map<string, InputManifest>;
  running: Set<string>;
  lines: number;
  /** Lines of the log skipped as damaged when it was read. */
  damaged: number;
}

/** Manifests up to this size live in the log beside their record; larger ones get a file. */
const INLINE_MANIFEST_BYTES = 4096;

function apply(entry: LogEntry, s: State, warn: (m: string) => void): void {
  if (entry.t === "record") {
    const record = entry.record as NodeRecord;
    s.running.delete(entry.id);
    s.manifests.delete(entry.id);
    if (record.format === RECORD_FORMAT && record.id === entry.id) {
      s.records.set(entry.id, record);
      if (entry.manifest) s.manifests.set(entry.id, entry.manifest as InputManifest);
    } else {
      s.records.delete(entry.id);
      warn(`record of ${entry.id} has another format (${String(record.format)}); it will be rebuilt`);
    }
  } else if (entry.t === "start") s.running.add(entry.id);
  else if (entry.t === "end") s.running.delete(entry.id);
  else {
    s.records.delete(entry.id);
    s.manifests.delete(entry.id);
  }
}

/** Each part written as it is: joined, a large tree's would be one more copy of it. */
function writeManifestFile(path: string, parts: readonly string[]): void {
  const fd = openSync(path, "w");
  try {
    writeParts(fd, parts);
  } finally {
    closeSync(fd);
  }
}

/** Temp files (`<name>.tmp-<pid>-<hex>`) that a process killed mid-write left beside their file. */
function removeDeadTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/\.tmp-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid))
      rmSync(join(dir, name), { force: true });
  }
}

/** A store write the file system refused: the make fails (exit 1), naming the file. */
function storeError(error: unknown, action: string, path: string): Error {
  return translateFsError(error, { action, path, exitCode: ExitCode.nodeFailed });
}

/** Node ids hold `:` and user slugs: one reversible, path-safe file name per id. */
export function encodeId(id: string): string {
  return encodeURIComponent(id).replace(/\./g, "%2E").replace(/\*/g, "%2A");
}
