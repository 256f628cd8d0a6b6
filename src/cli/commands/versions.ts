import type { Command } from "commander";
import type { Output } from "../Output.js";
import { lazyAction } from "../lazyAction.js";

export function registerVersions(program: Command, output: Output): void {
  program
    .command("versions")
    .description("list versions: slug, status, parent, created_at, snapshot fingerprint")
    .option("--json", "print JSON")
    .action(lazyAction(async () => (await import("../actions/versions.js")).versionsAction(output)));
}
