import { Argument, type Command } from "commander";
import { openContext, monitorClient, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";

/** `staging fsmonitor status|stop`: the workspace's file-system monitor daemon, if one runs. */
export function registerFsmonitor(program: Command, output: Output): void {
  program
    .command("fsmonitor")
    .description("show or stop this workspace's file-system monitor (config fsmonitor / STAGING_FSMONITOR=1)")
    .addArgument(new Argument("[action]").choices(["status", "stop"]).default("status"))
    .action(async (action: "status" | "stop", _flags: unknown, command: Command) => {
      const ctx = await openContext(command.optsWithGlobals<GlobalOptions>(), output);
      const client = monitorClient(ctx.stagingDir);
      if (action === "stop") {
        output.out((await client?.stop()) ? "fsmonitor: stopped" : "fsmonitor: not running");
        return;
      }
      const status = await client?.status();
      if (!status) {
        output.out("fsmonitor: not running");
        return;
      }
      output.out(`fsmonitor: running, pid ${status.pid}, ${status.trees.length} trees watched`);
      for (const tree of status.trees) output.out(`  ${tree}`);
    });
}
