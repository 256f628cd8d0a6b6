import { loadBenchmark } from "../benchmark/loadBenchmark.js";
import type { LoadedBenchmark } from "../benchmark/loadBenchmark.js";
import type { Workspace } from "./Workspace.js";

/** The workspace's benchmark (`ws.benchmarkPath`), checked against the modes the workspace requires. */
export function loadWorkspaceBenchmark(ws: Workspace): Promise<LoadedBenchmark> {
  return loadBenchmark(ws.benchmarkPath, { requiredModes: ws.requiredModes });
}
