import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { importConfigModule } from "../../../src/config/importConfigModule.js";
import { substituteArgs } from "../../../src/drivers/deploy/deploySpec.js";
import type { StagingConfig } from "../../../src/public/index.js";

/** Builds and runs the demo service's versions in its modes, as the README's table says. */
export const repoRoot = resolve(import.meta.dirname, "../../..");
export const demoRoot = join(repoRoot, "experiments/demo");
const bin = join(repoRoot, "node_modules/.bin");
export const bunPath = join(bin, "bun");
export const bunAvailable = existsSync(bunPath);
/** The jvm mode needs a JDK (17 or later) on PATH. */
export const javacAvailable = spawnSync("javac", ["-version"]).status === 0;

export type Mode = "node" | "bun" | "jvm";

/** The built artifact and the command that runs it. */
export interface Build {
  version: string;
  mode: Mode;
  command: string;
  args: string[];
}

export async function buildService(version: string, mode: Mode, out: string): Promise<Build> {
  const snapshot = join(demoRoot, "versions", version, "snapshot");
  mkdirSync(out, { recursive: true });
  if (mode === "jvm") return buildFromRecipe(version, mode, snapshot, out);
  if (mode === "node") {
    const file = join(out, "service.mjs");
    await run(
      join(bin, "esbuild"),
      ["src/main.ts", "--bundle", "--platform=node", "--format=esm", `--outfile=${file}`],
      snapshot,
    );
    return { version, mode, command: process.execPath, args: [file] };
  }
  const file = join(out, "service");
  // cwd = out: bun writes its temporary `.<hash>.bun-build` file into the cwd, never into the snapshot.
  await run(bunPath, ["build", "--compile", join(snapshot, "src/main.ts"), "--outfile", file], out);
  return { version, mode, command: file, args: [] };
}

/** The repository's own staging.config.ts, loaded as staging loads it (compiled, not cached). */
export async function demoConfig(): Promise<StagingConfig> {
  const module = await importConfigModule(join(repoRoot, "staging.config.ts"), undefined);
  return module.default as StagingConfig;
}

/** Builds with the mode's own recipe in staging.config.ts and runs its deploy command (cwd: out). */
async function buildFromRecipe(version: string, mode: Mode, snapshot: string, out: string): Promise<Build> {
  const recipe = (await demoConfig()).modes?.[mode];
  const build = recipe?.build?.command;
  const deploy = recipe?.deploy?.command;
  if (!Array.isArray(build) || !Array.isArray(deploy))
    throw new Error(`staging.config.ts has no build and deploy argv for mode ${mode}`);
  const [command, ...args] = substituteArgs(build, { snapshot, out, version, mode });
  await run(command!, args, out);
  const [program, ...rest] = substituteArgs(deploy, { artifact: out });
  return { version, mode, command: program!, args: rest };
}

/** A started service: its port, its stdout lines so far, and how it ended. */
export interface Running {
  build: Build;
  port: number;
  child: ChildProcess;
  stdout: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startService(build: Build, env: Record<string, string>): Promise<Running> {
  const child = spawn(build.command, build.args, {
    env: { PATH: process.env.PATH ?? "", ...env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on("exit", (code, signal) => done({ code, signal })),
  );
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((ok, fail) => {
    let pending = "";
    child.stdout.on("data", (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        stdout.push(line);
        const event = JSON.parse(line) as { event: string; port?: number };
        if (event.event === "listening" && event.port !== undefined) ok(event.port);
      }
    });
    void exited.then(({ code }) =>
      fail(new Error(`${build.version}/${build.mode} exited (${code}) before listening: ${stderr}`)),
    );
  });
  return { build, port, child, stdout, exited };
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0 ? ok() : fail(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

/** Samples of a Prometheus text exposition: `name{labels}` -> value. */
export function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

/** Metric names (without labels) among the samples. */
export function metricNames(samples: Map<string, number>): Set<string> {
  return new Set([...samples.keys()].map((key) => key.replace(/\{.*$/, "")));
}
