import { nodeIds, parseNodeId } from "../staging/graph/nodeIds.js";
import type { CellSummary } from "../staging/measure/CellSummary.js";
import { measureDir, measureLogId } from "../staging/measure/MeasureEnv.js";
import { findBaseline } from "../staging/versions/index.js";
import type { ImageOutput } from "../staging/images/ImageOutput.js";
import type { CliContext } from "./CliContext.js";
import { runMake } from "./runMake.js";
import { withLock } from "./withLock.js";

/**
 * `watch --measure`: after a rebuild or redeploy of a version, one quick measured run of it, shown
 * beside its previous run and the baseline's. One run is a hint, not a verdict.
 */
export class WatchMeasurer {
  private readonly last = new Map<string, CellSummary>();

  constructor(private readonly output: { err(text: string): void }) {}

  async afterBuild(ctx: CliContext, executed: string[]): Promise<void> {
    const touched = [
      ...new Set(
        executed.flatMap((id) => {
          const parsed = parseNodeId(id);
          return parsed?.kind === "image" || parsed?.kind === "deploy"
            ? [`${parsed.version}:${parsed.mode}`]
            : [];
        }),
      ),
    ];
    if (touched.length === 0) return;
    const baseline = (await findBaseline(ctx.workspace))?.slug;
    await withLock(
      ctx,
      "watch --measure",
      async () => {
        const graph = await ctx.graph();
        const env = await ctx.measure();
        for (const cell of touched) {
          const [slug, mode] = cell.split(":") as [string, string];
          // The baseline is measured once per mode, first, so the edited version is shown beside it.
          const pairs = [
            ...(baseline && baseline !== slug && !this.last.has(`${baseline}:${mode}`) ? [baseline] : []),
            slug,
          ];
          const images = await runMake(
            ctx,
            graph,
            pairs.map((s) => nodeIds.image(s, mode)),
            { locked: true, quiet: true, command: "watch --measure" },
          );
          for (const s of pairs) {
            const image = images.outputs.get(nodeIds.image(s, mode)) as ImageOutput;
            const at = {
              runDir: measureDir(ctx.workspace.stagingDir, s, mode),
              round: 0,
              runIndex: 0,
              seed: 1,
              logId: measureLogId(s, mode),
              signal: new AbortController().signal,
            };
            const result = await env.measure(s, mode, image, at);
            if (s === slug)
              this.print(
                result,
                this.last.get(`${s}:${mode}`),
                baseline ? this.last.get(`${baseline}:${mode}`) : undefined,
              );
            this.last.set(`${s}:${mode}`, result);
          }
        }
      },
      true,
    );
  }

  private print(
    now: CellSummary,
    previous: CellSummary | undefined,
    baseline: CellSummary | undefined,
  ): void {
    const p95 = (c: CellSummary | undefined) => c?.metrics.p95 ?? null;
    const vs = (label: string, other: number | null, value: number | null) =>
      other === null || value === null
        ? ""
        : `, ${label} ${other.toFixed(3)} ms (${value >= other ? "+" : ""}${(((value - other) / other) * 100).toFixed(1)}%)`;
    const value = p95(now);
    const text = value === null ? "n/a" : `${value.toFixed(3)} ms`;
    this.output.err(
      `watch: measured ${now.version_slug}:${now.platform_mode} p95 ${text}${vs("previous", p95(previous), value)}${vs("baseline", p95(baseline), value)}${now.valid ? "" : ` INVALID: ${now.invalid_reasons.join("; ")}`}`,
    );
    this.output.err("watch: one run is a hint, not a verdict; `staging run-campaign` decides");
  }
}
