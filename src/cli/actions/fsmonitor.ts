import { type Command } from "commander";
import { openContext, monitorClient, type GlobalOptions } from "../CliContext.js";
import type { Output } from "../Output.js";

export function fsmonitorAction(output: Output) {
  return async (action: "status" | "stop", _flags: unknown, command: Command) => {
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
  };
}

/** `staging fsmonitor status|stop`: the workspace's file-system monitor daemon, if one runs. */
