import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir, hostname, machine, type } from "node:os";
import { dirname } from "node:path";
import { readFileSync } from "node:fs";
import { fileError } from "./targetErrors.js";
import { locateLocalTools } from "./locateTools.js";
import { IdentityCache } from "./IdentityCache.js";
import { probeTools, type ToolName } from "./probeTools.js";
import { ToolVersionCache } from "./ToolVersionCache.js";
import { replaceDirLocal, tempSibling } from "./replaceDir.js";
import { spawnCommand } from "./spawnCommand.js";
import type { CommandResult, RunOptions, Target, TargetIdentity } from "./Target.js";
import { validateCommand } from "./validateCommand.js";

/** This machine: commands are child processes started without a shell. */
export class LocalTarget implements Target {
  readonly name = "local";
  readonly kind = "local" as const;
  private readonly identities = new IdentityCache();

  run(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const invalid = validateCommand(this.name, argv, options.env);
    if (invalid) return Promise.reject(invalid);
    return spawnCommand(this.name, argv, options);
  }

  /** Copies the tree (modes, times, symlinks as they are) beside `remoteDir`, then swaps it in. */
  async uploadTree(localDir: string, remoteDir: string): Promise<void> {
    const tmp = tempSibling(remoteDir);
    await mkdir(dirname(remoteDir), { recursive: true });
    try {
      await cp(localDir, tmp, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
      await replaceDirLocal(tmp, remoteDir);
    } catch (error) {
      await rm(tmp, { recursive: true, force: true });
      throw fileError(this.name, "upload a tree to", remoteDir, (error as Error).message);
    }
  }

  async readFile(path: string): Promise<string> {
    try {
      return await readFile(path, "utf8");
    } catch (error) {
      throw fileError(this.name, "read", path, (error as Error).message);
    }
  }

  /** Writes beside the file, then renames over it: readers see the old or the new content. */
  async writeFile(path: string, content: string): Promise<void> {
    const tmp = tempSibling(path);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(tmp, content);
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw fileError(this.name, "write", path, (error as Error).message);
    }
  }

  /** The machine id, OS, arch and the tools' versions; tools whose binaries are unchanged are not run. */
  identity(tools?: readonly ToolName[]): Promise<TargetIdentity> {
    return this.identities.get(tools, () => this.probeIdentity(tools));
  }

  private async probeIdentity(names: readonly ToolName[] | undefined): Promise<TargetIdentity> {
    const id = machineId();
    const tools = await probeTools(this, {
      locate: (names) => Promise.resolve(locateLocalTools(names)),
      cache: ToolVersionCache.forMachine(`local:${id}`),
      ...(names ? { names } : {}),
    });
    return { kind: "local", id, os: type(), arch: machine(), tools };
  }

  home(): Promise<string> {
    return Promise.resolve(homedir());
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The systemd/dbus machine id; a machine without one is named by its host name. */
export function machineId(files = ["/etc/machine-id", "/var/lib/dbus/machine-id"]): string {
  for (const file of files) {
    try {
      const id = readFileSync(file, "utf8").trim();
      if (id !== "") return id;
    } catch {
      // try the next one
    }
  }
  return `hostname:${hostname()}`;
}
