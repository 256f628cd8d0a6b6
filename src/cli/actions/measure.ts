import { dirname } from "node:path";
import type { Command } from "commander";
import { ExitCode, StagingError } from "../../errors/index.js";
import { kindOf, nodeIds } from "../../staging/graph/nodeIds.js";
import { measureDir, measureLogId } from "../../staging/measure/MeasureEnv.js";
import type { CellSummary } from "../../staging/measure/CellSummary.js";
import { validateCorpora } from "../../staging/measure/validateCorpus.js";
import { checkSlugShape } from "../../staging/versions/index.js";
import { loadWorkspaceBenchmark } from "../../staging/workspace/index.js";
import type { ImageOutput } from "../../staging/images/ImageOutput.js";
import { openContext, type GlobalOptions } from "../CliContext.js";
import { formatCells } from "../formatCells.js";
import type { Output } from "../Output.js";
import { runMake } from "../runMake.js";

export function measureAction(output: Output, setExit: (code: number) => void) {
  return async (slug: string, flags: { mode: string[]; json?: boolean }, command: Command) => {
    checkSlugShape(slug);
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const benchmark = await loadWorkspaceBenchmark(ctx.workspace);
    // Before anything is built: a bad corpus line is bad input, not a failed run.
    await validateCorpora(benchmark.benchmark, dirname(ctx.workspace.benchmarkPath));
    const modes =
      flags.mode.length > 0
        ? flags.mode
        : benchmark.benchmark.platform_modes.filter((m) => ctx.config.modes[m]?.build);
    const graph = await ctx.graph();
    const images = modes.map((m) => nodeIds.image(slug, m));
    for (const id of images) if (!graph.nodes.has(id)) throw noImage(id, [...graph.nodes.keys()]);
    const built = await runMake(ctx, graph, images, { command: `measure ${slug}` });
    if (built.failed.length > 0) return setExit(ExitCode.nodeFailed);
    const env = await ctx.measure();
    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort());
    const cells: CellSummary[] = [];
    for (const mode of modes) {
      output.err(
        `measuring ${slug}:${mode} (${benchmark.benchmark.load.warmup_s}s warm-up, ${benchmark.benchmark.load.duration_s}s window)`,
      );
      const image = built.outputs.get(nodeIds.image(slug, mode)) as ImageOutput;
      const runDir = measureDir(ctx.workspace.stagingDir, slug, mode);
      cells.push(
        await env.measure(slug, mode, image, {
          runDir,
          round: 0,
          runIndex: 0,
          seed: 1,
          logId: measureLogId(slug, mode),
          signal: controller.signal,
        }),
      );
    }
    output.out(flags.json ? JSON.stringify(cells, null, 2) : formatCells(cells));
    if (!flags.json)
      output.err("one run is a hint, not a verdict: compare versions with `staging run-campaign`");
  };
}

function noImage(id: string, known: string[]): StagingError {
  return new StagingError(`No node ${id}: the version or the mode's build recipe is missing`, {
    code: "E_TARGET",
    facts: { node: id, images: known.filter((k) => kindOf(k) === "image").join(", ") || "(none)" },
    hint: "`staging versions` lists versions; modes and recipes are declared in staging.config.ts",
  });
}
