import { join } from "node:path";

/** An opened staging workspace: its folders and the platform modes it requires. */
export interface Workspace {
  /** Absolute path of the workspace folder. */
  readonly root: string;
  /** `<root>/versions`: one folder per version. */
  readonly versionsDir: string;
  /** `<root>/.staging`: the store, temp folders and journals. */
  readonly stagingDir: string;
  /** The benchmark file. @default `<root>/benchmark/benchmark.yaml` */
  readonly benchmarkPath: string;
  /** Platform modes the benchmark must contain, e.g. `["jvm", "native"]`. */
  readonly requiredModes: readonly string[];
}

/** Options of `openWorkspace`. */
export interface OpenWorkspaceOptions {
  /** Platform modes the workspace requires (control-plane: `jvm`, `native`). */
  requiredModes: readonly string[];
  /** Where the benchmark lives. @default `<root>/benchmark/benchmark.yaml` */
  benchmarkPath?: string;
  /** Create `versions/` when the folder has neither `versions/` nor `benchmark/`. @default false */
  init?: boolean;
}

/** `<root>/versions/<slug>`; `slug` must already be validated. */
export function versionDir(ws: Workspace, slug: string): string {
  return join(ws.versionsDir, slug);
}

/** `<root>/versions/<slug>/version.yaml`. */
export function versionFile(ws: Workspace, slug: string): string {
  return join(ws.versionsDir, slug, "version.yaml");
}

/** `<root>/.staging/tmp`: temporary folders and files, removed by the next open once their owner is gone. */
export function tmpDir(ws: Workspace): string {
  return join(ws.stagingDir, "tmp");
}

/** `<root>/.staging/journal`: pending multi-file changes, rolled forward by the next open. */
export function journalDir(ws: Workspace): string {
  return join(ws.stagingDir, "journal");
}
