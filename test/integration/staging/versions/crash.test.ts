import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listVersions } from "../../../../src/staging/versions/index.js";
import { openWorkspace } from "../../../../src/staging/workspace/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import type { Tree } from "../../../helpers/useTmpDir.js";
import { MODES, treeState, versionTree } from "./helpers.js";

const PROJECT = fileURLToPath(new URL("../../../../", import.meta.url));
const CHILD = fileURLToPath(new URL("./crashChild.ts", import.meta.url));
const CHAINS = 4;
const TRIALS_PER_CHAIN = 6;
const SEED = Number(process.env.STAGING_CRASH_SEED ?? Date.now() % 100_000);

/** mulberry32: a small seeded generator, so a failing run can be replayed with STAGING_CRASH_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function baseWorkspace(): string {
  const files: Tree = {};
  for (let i = 0; i < 12; i += 1) files[`src/pkg${i % 3}/File${i}.java`] = `class File${i} {}\n`.repeat(20);
  files["gradlew"] = "#!/bin/sh\n";
  const root = useTmpDir({ versions: null, ...versionTree("base", "baseline", "none", files) });
  chmodSync(join(root, "versions/base/snapshot/gradlew"), 0o755);
  symlinkSync("src/pkg0", join(root, "versions/base/snapshot/pkg-link"));
  return root;
}

/**
 * How the child runs: `node --import tsx crashChild.ts` with STAGING_CRASH_TSX=1; by default the same
 * source bundled once by esbuild (what tsx uses), which starts in ~0.1 s instead of ~0.6 s per trial.
 */
let childArgs: string[] = ["--import", "tsx", CHILD];
let bundleDir: string | undefined;

beforeAll(async () => {
  if (process.env.STAGING_CRASH_TSX === "1") return;
  bundleDir = mkdtempSync(join(tmpdir(), "staging-crash-child-"));
  const outfile = join(bundleDir, "crashChild.mjs");
  const banner =
    'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);';
  await build({
    entryPoints: [CHILD],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: banner },
    logLevel: "warning",
  });
  childArgs = [outfile];
});

afterAll(() => {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

/** What the child prints after each step; a kill is aimed at the step after one of them. */
const ANCHORS = ["ready", "created", "candidate", "rejected", "candidate-again", "promoted"] as const;

/**
 * Starts the child and kills it with SIGKILL `delayMs` after it first prints `anchor` (so the kill
 * lands in the step that follows); resolves with the steps it reported.
 */
function runAndKill(root: string, anchor: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childArgs, root], {
      cwd: PROJECT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let armed = false;
    // A child that never reaches its anchor (stuck, or printing something else) must not hang the suite.
    const guard = setTimeout(() => {
      err += "\n(no anchor within 15 s)";
      child.kill("SIGTERM");
    }, 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (armed || !out.split("\n").includes(anchor)) return;
      armed = true;
      setTimeout(() => child.kill("SIGKILL"), delayMs);
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (_code, signal) => {
      clearTimeout(guard);
      if (signal === "SIGKILL") resolve(out.split("\n").filter(Boolean));
      else reject(new Error(`child ended without being killed (${String(signal)}):\n${err}`));
    });
  });
}

/** The invariants after any crash, checked through a fresh open (which recovers). */
async function checkWorkspace(root: string, reference: Record<string, string>): Promise<number> {
  const ws = await openWorkspace(root, { requiredModes: MODES });
  const versions = await listVersions(ws);
  expect(versions.filter((v) => v.status === "baseline")).toHaveLength(1);
  for (const version of versions) {
    expect((await readdir(version.dir)).sort()).toEqual([
      "hypothesis.md",
      "images",
      "snapshot",
      "version.yaml",
    ]);
    expect(await readFile(join(version.dir, "hypothesis.md"), "utf8")).toContain("# Hypothesis");
    expect(await treeState(join(version.dir, "snapshot"))).toEqual(reference);
  }
  expect(await readdir(join(ws.stagingDir, "tmp")).catch(() => [])).toEqual([]);
  expect(await readdir(join(ws.stagingDir, "journal")).catch(() => [])).toEqual([]);
  expect(await readdir(ws.versionsDir)).toEqual(versions.map((v) => v.slug));
  return versions.length;
}

async function chain(index: number, next: () => number): Promise<string[]> {
  const root = baseWorkspace();
  const reference = await treeState(join(root, "versions/base/snapshot"));
  const steps: string[] = [];
  for (let trial = 0; trial < TRIALS_PER_CHAIN; trial += 1) {
    const anchor = ANCHORS[Math.floor(next() * ANCHORS.length)] ?? "ready";
    const delay = Math.floor(next() * 25);
    steps.push(...(await runAndKill(root, anchor, delay)));
    const where = `seed ${SEED}, chain ${index}, trial ${trial}, killed ${delay} ms after "${anchor}"`;
    await checkWorkspace(root, reference).catch((error: Error) => {
      error.message = `${where}: ${error.message}`;
      throw error;
    });
  }
  return steps;
}

describe("crash safety", () => {
  it(`SIGKILL at random points of create, mark and promote never breaks the workspace (seed ${SEED})`, async () => {
    const next = random(SEED);
    // allSettled: a failing chain must not leave the others running past the test's cleanup.
    const settled = await Promise.allSettled(Array.from({ length: CHAINS }, (_, i) => chain(i, next)));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    const steps = settled.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
    expect(steps.filter((s) => s === "ready")).toHaveLength(CHAINS * TRIALS_PER_CHAIN);
    // Kills were aimed at every kind of step, not only at the first create.
    expect(steps.filter((s) => s === "created").length).toBeGreaterThan(0);
    expect(steps.filter((s) => s === "candidate-again").length).toBeGreaterThan(0);
  });
});
