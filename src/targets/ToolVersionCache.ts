import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { userCacheDir } from "../config/userCacheDir.js";
import type { ToolBinary } from "./locateTools.js";

interface Entry extends ToolBinary {
  /** Null: the binary ran and told no version. */
  version: string | null;
}

/**
 * Tool versions found before, per machine, by the binary's path, size, mtime and inode: a tool
 * whose binary is unchanged is not run again (`kubectl version --client` alone takes half a
 * second). One JSON file in the user's cache folder; unreadable means empty.
 */
export class ToolVersionCache {
  private entries: Record<string, Entry> | undefined;
  private readonly updates: Record<string, Entry> = {};

  constructor(
    private readonly file: string | undefined,
    /** Which machine: the local machine id, or an SSH host key fingerprint. */
    private readonly machine: string,
  ) {}

  /** The cache in the user's cache folder; without one, a cache that forgets. */
  static forMachine(machine: string): ToolVersionCache {
    const dir = userCacheDir();
    return new ToolVersionCache(dir ? join(dir, "tool-versions.json") : undefined, machine);
  }

  /** The version recorded for this exact binary; undefined when it was never run or has changed. */
  get(name: string, binary: ToolBinary): string | null | undefined {
    const entry = this.load()[this.key(name)];
    if (!entry || (entry.version !== null && typeof entry.version !== "string")) return undefined;
    const same = (["path", "real", "size", "mtimeMs", "ino"] as const).every((k) => entry[k] === binary[k]);
    return same ? entry.version : undefined;
  }

  set(name: string, binary: ToolBinary, version: string | null): void {
    this.load()[this.key(name)] = this.updates[this.key(name)] = { ...binary, version };
  }

  /** Writes the file if anything was set: beside it, then renamed over it. */
  save(): void {
    if (!this.file || Object.keys(this.updates).length === 0) return;
    // What another process wrote meanwhile is kept, but for the entries set here.
    const merged = { ...read(this.file), ...this.updates };
    const tmp = `${this.file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, entries: merged }), { mode: 0o600 });
      renameSync(tmp, this.file);
      for (const key of Object.keys(this.updates)) delete this.updates[key];
    } catch {
      rmSync(tmp, { force: true });
    }
  }

  private key(name: string): string {
    return `${this.machine}\0${name}`;
  }

  private load(): Record<string, Entry> {
    return (this.entries ??= this.file ? read(this.file) : {});
  }
}

const FORMAT = 1;

function read(file: string): Record<string, Entry> {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { format?: unknown; entries?: unknown };
    const entries = parsed.format === FORMAT ? parsed.entries : undefined;
    return entries && typeof entries === "object" ? (entries as Record<string, Entry>) : {};
  } catch {
    return {};
  }
}
