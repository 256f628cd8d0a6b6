import { mkdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { StagingError } from "../../errors/index.js";
import { recoverWorkspace } from "./recoverWorkspace.js";
import type { OpenWorkspaceOptions, Workspace } from "./Workspace.js";

/**
 * Opens the workspace folder `root` as it is (no migration), after completing or cleaning up any change
 * a killed process left behind. Needs neither a benchmark nor a baseline.
 */
export async function openWorkspace(root: string, options: OpenWorkspaceOptions): Promise<Workspace> {
  const abs = resolve(root);
  await checkFolder(abs);
  const ws: Workspace = {
    root: abs,
    versionsDir: join(abs, "versions"),
    stagingDir: join(abs, ".staging"),
    benchmarkPath: resolve(abs, options.benchmarkPath ?? join("benchmark", "benchmark.yaml")),
    requiredModes: [...options.requiredModes],
  };
  await checkLayout(ws, options.init ?? false);
  if (await kind(ws.stagingDir)) await recoverWorkspace(ws);
  return ws;
}

async function checkFolder(abs: string): Promise<void> {
  const found = await kind(abs);
  if (found === "dir") return;
  throw new StagingError(found ? "Workspace path is not a folder" : "Workspace folder not found", {
    code: "E_WORKSPACE_NOT_FOUND",
    facts: { file: abs, expected: "a folder with versions/ (and benchmark/)" },
    hint: "pass --workspace DIR (or set STAGING_WORKSPACE), or set `workspace` in staging.config.ts",
  });
}

async function checkLayout(ws: Workspace, init: boolean): Promise<void> {
  const versions = await kind(ws.versionsDir);
  if (versions === "dir") return;
  if (versions === "other") {
    throw new StagingError("`versions` in the workspace is not a folder", {
      code: "E_NOT_A_WORKSPACE",
      facts: { file: ws.versionsDir, expected: "a folder" },
    });
  }
  if (init) {
    await mkdir(ws.versionsDir, { recursive: true });
    return;
  }
  if ((await kind(join(ws.root, "benchmark"))) === "dir") return;
  throw new StagingError("Not a staging workspace: no versions/ or benchmark/ folder", {
    code: "E_NOT_A_WORKSPACE",
    facts: { file: ws.root, expected: "a folder with versions/ (and benchmark/)" },
    hint: `create ${ws.versionsDir} to start a new workspace, or point --workspace at an existing one`,
  });
}

async function kind(path: string): Promise<"dir" | "other" | null> {
  const stats = await stat(path).catch(() => null);
  if (!stats) return null;
  return stats.isDirectory() ? "dir" : "other";
}
