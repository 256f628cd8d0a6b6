import type { Command } from "commander";
import type { Output } from "../Output.js";
import { collect } from "../parsers.js";
import { lazyAction } from "../lazyAction.js";

export function registerBuildImages(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command("build-images")
    .description("build a version's image for each mode (cached: only what changed is built)")
    .argument("<slug>", "the version (also --slug <slug>)")
    .option("--mode <mode>", "only this mode (repeatable)", collect, [])
    .option("--force-rebuild-images", "rebuild every mode even if cached")
    .option("--force-rebuild-mode <mode>", "rebuild this mode even if cached (repeatable)", collect, [])
    .option("--dry-run", "say what would build and why")
    .option("--json", "print JSON")
    .action(
      lazyAction(async () => (await import("../actions/buildImages.js")).buildImagesAction(output, setExit)),
    );
}
