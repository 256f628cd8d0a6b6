import type { Command } from "commander";
import { selectDeployments, stopAll, type Deployment } from "../../drivers/deploy/index.js";
import { ExitCode } from "../../errors/index.js";
import { checkSlugShape } from "../../staging/versions/index.js";
import { checkDownSelector } from "../checkDownSelector.js";
import { deployRecords } from "../deployRecords.js";
import { openContext, type CliContext, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";
import { withLock } from "../withLock.js";

export function downAction(output: Output, setExit: (code: number) => void) {
  return async (selector: string | undefined, flags: { wait?: boolean }, command: Command) => {
    if (selector !== undefined) checkSlugShape(selector.split(":")[0]!, "selector");
    const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
    if (selector !== undefined) checkDownSelector(selector, Object.keys(ctx.config.modes));
    const drivers = await ctx.drivers();
    await withLock(
      ctx,
      `down ${selector ?? ""}`.trim(),
      async () => {
        const chosen = selectDeployments([...(await drivers.list()), ...(await helmReleases(ctx))], selector);
        const result = await stopAll(chosen, {
          process: drivers.byKind("process"),
          docker: drivers.byKind("docker"),
          // Only when needed: the helm driver requires an SSH target.
          ...(chosen.some((d) => d.driver === "helm") ? { helm: drivers.byKind("helm") } : {}),
        });
        for (const d of result.stopped)
          output.out(
            `stopped ${d.version}:${d.mode} (${d.driver} ${d.pid ?? d.containerId?.slice(0, 12) ?? d.name})`,
          );
        for (const f of result.failed)
          output.err(
            `could not stop ${f.deployment.name}: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
          );
        if (chosen.length === 0)
          output.out(selector ? `nothing of ${selector} is running` : "nothing is running");
        if (result.failed.length > 0) setExit(ExitCode.nodeFailed);
      },
      flags.wait ?? false,
    );
  };
}

/** Helm releases live on the VM, not in a local state file: the deploy records name them. */
async function helmReleases(ctx: CliContext): Promise<Deployment[]> {
  return (await deployRecords(ctx)).filter((dep) => dep.driver === "helm");
}
