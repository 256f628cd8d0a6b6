import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Deployment } from "./DeployDriver.js";

function isDeployment(value: unknown): value is Deployment {
  const dep = value as Partial<Deployment> | null;
  return (
    typeof dep === "object" &&
    dep !== null &&
    (dep.driver === "process" || dep.driver === "docker") &&
    typeof dep.name === "string" &&
    typeof dep.version === "string" &&
    typeof dep.mode === "string" &&
    typeof dep.port === "number" &&
    typeof dep.url === "string" &&
    typeof dep.buildFingerprint === "string"
  );
}

/**
 * One JSON file per recorded deployment, `<stateDir>/<name>.json`, written beside and renamed over,
 * so a reader sees a whole record or none. Files it cannot read are skipped.
 */
export class StateDir {
  constructor(readonly dir: string) {}

  fileOf(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  async write(dep: Deployment): Promise<string> {
    const file = this.fileOf(dep.name);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await mkdir(this.dir, { recursive: true });
    try {
      await writeFile(tmp, JSON.stringify(dep, null, 2) + "\n");
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return file;
  }

  async read(name: string): Promise<Deployment | null> {
    return readRecord(this.fileOf(name));
  }

  async remove(name: string): Promise<void> {
    await rm(this.fileOf(name), { force: true });
  }

  /** Every record, sorted by name. */
  async list(): Promise<Deployment[]> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch {
      return [];
    }
    const files = entries.filter((entry) => entry.endsWith(".json")).sort();
    const records = await Promise.all(files.map((entry) => readRecord(join(this.dir, entry))));
    return records.filter((record): record is Deployment => record !== null);
  }
}

async function readRecord(file: string): Promise<Deployment | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    return isDeployment(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
