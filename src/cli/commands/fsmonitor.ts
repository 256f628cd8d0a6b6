import { Argument, type Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

/** `staging fsmonitor status|stop`: the workspace's file-system monitor daemon, if one runs. */
export function registerFsmonitor(program: Command, output: Output): void {
  program
    .command("fsmonitor")
    .description("show or stop this workspace's file-system monitor (config fsmonitor / STAGING_FSMONITOR=1)")
    .addArgument(new Argument("[action]").choices(["status", "stop"]).default("status"))
    .action(lazyAction(async () => (await import("../actions/fsmonitor.js")).fsmonitorAction(output)));
}
