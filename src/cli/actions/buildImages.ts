import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { kindOf, nodeIds, parseNodeId } from "../../staging/graph/nodeIds.js";
import { StagingError, ExitCode } from "../../errors/index.js";
import { preflightBuild } from "../../staging/images/preflightBuild.js";
import { checkSlugShape } from "../../staging/versions/index.js";
import { openContext, type CliContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { runMake } from "../runMake.js";

export function buildImagesAction(output: Output, setExit: (code: number) => void) {
  return async (slug: string, flags: Flags, command: Command) => {
    checkSlugShape(slug);
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    const graph = await ctx.graph();
    const known = [...graph.nodes.keys()].flatMap((id) => {
      const parsed = parseNodeId(id);
      return parsed?.kind === "image" && parsed.version === slug ? [parsed.mode] : [];
    });
    for (const mode of [...flags.mode, ...flags.forceRebuildMode]) {
      if (!known.includes(mode)) throw unknownMode(slug, mode, known);
    }
    if (known.length === 0) throw unknownMode(slug, flags.mode[0] ?? "(any)", known);
    // By default the modes the benchmark runs, where there is one: a mode kept in the config for
    // other experiments (the demo's jvm) does not need its toolchain to build the others.
    const benchmarkModes = (await ctx.benchmark())?.benchmark.platform_modes.filter((m) => known.includes(m));
    const modes = flags.mode.length > 0 ? flags.mode : benchmarkModes?.length ? benchmarkModes : known;
    if (!flags.dryRun) await preflight(ctx, slug, modes);
    const force = (flags.forceRebuildImages ? modes : flags.forceRebuildMode).map((m) =>
      nodeIds.image(slug, m),
    );
    const result = await runMake(
      ctx,
      graph,
      modes.map((m) => nodeIds.image(slug, m)),
      { dryRun: flags.dryRun ?? false, force, command: `build-images ${slug}`, quiet: flags.json ?? false },
    );
    const rows = await Promise.all(
      result.summary.nodes
        .filter((n) => kindOf(n.id) === "image")
        .map(async (n) => ({
          node: n.id,
          mode: (parseNodeId(n.id) as { mode: string }).mode,
          status: n.status,
          reason: compatReason(await asTheRealRunSaysIt(ctx, n), n.status, flags),
        })),
    );
    if (flags.json) output.out(JSON.stringify({ images: rows }, null, 2));
    else
      for (const r of rows)
        output.out(
          r.status === "up-to-date"
            ? `${r.mode.padEnd(8)} cache-hit`
            : `${r.mode.padEnd(8)} ${r.status.padEnd(9)}  ${r.reason}`,
        );
    if (result.failed.length > 0) setExit(ExitCode.nodeFailed);
  };
}

interface Flags {
  mode: string[];
  forceRebuildImages?: boolean;
  forceRebuildMode: string[];
  dryRun?: boolean;
  json?: boolean;
}

/**
 * A dry run cannot decide an image whose snapshot fingerprint would be computed first: it says
 * "upstream fingerprint:<v> would run". The real run then finds the image never built (no record)
 * or built from another snapshot; say which, as the real run will.
 */
async function asTheRealRunSaysIt(ctx: CliContext, node: { id: string; status: string; reason: string }) {
  if (node.status !== "would-run" || !/^upstream fingerprint:\S+ would run$/.test(node.reason))
    return node.reason;
  if (await ctx.store.get(node.id)) return node.reason;
  return (await ctx.store.inflight()).includes(node.id) ? "interrupted before it completed" : "never run";
}

/** Checks the target and the snapshot before anything builds (`preflightBuild`). */
async function preflight(ctx: CliContext, slug: string, modes: string[]): Promise<void> {
  const version = (await ctx.versions()).find((v) => v.slug === slug);
  const builds = modes.flatMap((mode) => {
    const recipe = ctx.config.modes[mode]?.build;
    return version && recipe ? [{ slug, mode, versionDir: version.dir, recipe }] : [];
  });
  const { target } = await ctx.targets();
  await preflightBuild(target, builds, {
    workspaceRoot: ctx.workspace.root,
    builder: ctx.config.builder,
    exists: (path) => existsSync(join(ctx.workspace.root, path)),
  });
}

/** The prototype's cache-decision words beside ours, for users who know the old tool. */
export function compatReason(
  reason: string,
  status: string,
  flags: Pick<Flags, "forceRebuildImages">,
): string {
  if (status === "up-to-date") return "cache-hit";
  const word =
    reason === "forced"
      ? flags.forceRebuildImages
        ? "forced-all"
        : "forced-mode"
      : reason === "never run" || reason === "interrupted before it completed"
        ? "mode-missing"
        : reason.startsWith("upstream fingerprint") || reason.includes("upstream changed: fingerprint")
          ? "snapshot-fingerprint-mismatch"
          : /value changed: (recipe|builder)|files changed: recipe/.test(reason)
            ? "build-fingerprint-mismatch"
            : reason.startsWith("live check: ")
              ? reason.slice("live check: ".length)
              : "";
  return word && word !== reason ? `${word} (${reason})` : reason;
}

function unknownMode(slug: string, mode: string, known: string[]): StagingError {
  return new StagingError(`No image node for mode ${mode} of version ${slug}`, {
    code: "E_MODE",
    facts: {
      version: slug,
      mode,
      "modes with a build recipe":
        known.join(", ") || "(none: is the version there, and do modes declare build recipes?)",
    },
    hint: "modes and their build recipes are declared in staging.config.ts",
  });
}
