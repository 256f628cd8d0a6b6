import { writeDemoWorkspace, type TinyBenchmark } from "./demoWorkspaceFiles.js";
import { useTmpDir } from "./useTmpDir.js";

export type { TinyBenchmark } from "./demoWorkspaceFiles.js";

/** A temp copy of the demo workspace with a tiny benchmark (see demoWorkspaceFiles.ts). */
export function demoWorkspace(options: TinyBenchmark = {}): string {
  return writeDemoWorkspace(useTmpDir(), options);
}
