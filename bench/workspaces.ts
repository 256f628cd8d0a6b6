import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/staging.js", import.meta.url));

/** `staging ARGS` as a user types it: the built executable, in a whole process. */
export function staging(...args: string[]): string[] {
  return [process.execPath, BIN, ...args];
}

/** Runs a setup step (not measured), failing loudly. */
export function setup(argv: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, env, encoding: "utf8", maxBuffer: 256 << 20 });
  if (r.status !== 0)
    throw new Error(`setup: ${argv.join(" ")} exited ${r.status}: ${r.stderr.slice(-3000)}`);
}

/** A git repository of the folder as it is (the store and campaign outputs ignored, as in a real clone). */
export function gitCommitAll(dir: string): void {
  writeFileSync(join(dir, ".gitignore"), ".staging/\ncampaigns/\n");
  const git = (...args: string[]) =>
    // No gc in the background: it would still be writing when the folder is removed.
    execFileSync(
      "git",
      ["-c", "user.email=bench@localhost", "-c", "user.name=bench", "-c", "gc.auto=0", ...args],
      {
        cwd: dir,
        stdio: "ignore",
        maxBuffer: 256 << 20,
      },
    );
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "bench");
}

/** A workspace with a config file: what `staging` finds from the folder it runs in. */
export function writeConfig(dir: string): void {
  writeFileSync(join(dir, "staging.config.ts"), 'export default { workspace: "." };\n');
}

export function versionYaml(slug: string): string {
  return `slug: ${slug}\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n`;
}

/** One version `big` whose snapshot holds `files` files of `bytes` bytes, 100 per folder. */
export function writeLargeTree(dir: string, files: number, bytes: number): void {
  mkdirSync(join(dir, "versions/big"), { recursive: true });
  writeFileSync(join(dir, "versions/big/version.yaml"), versionYaml("big"));
  for (let f = 0; f < files; f++) {
    const folder = join(
      dir,
      "versions/big/snapshot",
      `d${Math.floor(f / 1000)}`,
      `e${Math.floor(f / 100) % 10}`,
    );
    if (f % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `f${f}.txt`), `${f}\n`.repeat(Math.ceil(bytes / 4)).slice(0, bytes));
  }
}

/** `versions` versions of one small file each: a graph of that many fingerprint nodes. */
export function writeManyVersions(dir: string, versions: number): string[] {
  const files: string[] = [];
  for (let v = 0; v < versions; v++) {
    const slug = `v${String(v).padStart(5, "0")}`;
    mkdirSync(join(dir, "versions", slug, "snapshot"), { recursive: true });
    writeFileSync(join(dir, "versions", slug, "version.yaml"), versionYaml(slug));
    writeFileSync(join(dir, "versions", slug, "snapshot/main.txt"), `${slug}\n`);
    files.push(`versions/${slug}/snapshot/main.txt`);
  }
  return files;
}

/** Removes a bench folder, retrying while a process that wrote into it winds down. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
