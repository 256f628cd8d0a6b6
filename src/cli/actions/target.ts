import type { Command } from "commander";
import { loadConfig } from "../../config/loadConfig.js";
import { ExitCode, isStagingError } from "../../errors/index.js";
import { checkTarget, formatTargetCheck, lifecycleKind, openTarget } from "../../targets/index.js";
import type { GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";

export function targetCheckAction(output: Output, setExit: (code: number) => void) {
  return async (name: string | undefined, flags: { json?: boolean }, command: Command) => {
    const global = command.optsWithGlobals<GlobalOptions>();
    const config = await loadConfig({
      configFile: global.config,
      workspace: global.workspace ?? process.env.STAGING_WORKSPACE,
      cwd: process.cwd(),
    }).catch((error: unknown) => {
      if (isStagingError(error) && error.code === "E_NO_WORKSPACE") return undefined;
      throw error;
    });
    const spec = name ?? global.target ?? process.env.STAGING_TARGET ?? config?.target ?? "local";
    const named = config?.targets[spec];
    const opened = openTarget(spec, {
      named: config?.targets,
      identity: global.identity,
      knownHosts: global.knownHosts,
    });
    const lifecycle = opened.kind === "local" ? undefined : lifecycleKind(process.env, named?.lifecycle);
    try {
      const report = await checkTarget(opened, lifecycle ? { lifecycle } : {});
      output.out(flags.json ? JSON.stringify(report, null, 2) : formatTargetCheck(report));
      if (!report.ok) setExit(ExitCode.nodeFailed);
    } finally {
      await opened.close();
    }
  };
}
