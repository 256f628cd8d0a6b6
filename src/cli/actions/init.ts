import { resolve } from "node:path";
import { StagingError } from "../../errors/index.js";
import { demoEntries } from "../../staging/init/demoEntries.js";
import { serviceEntries } from "../../staging/init/serviceEntries.js";
import { outermost, writeNewEntries } from "../../staging/init/writeNewEntries.js";
import type { Output } from "../Output.js";
import { packageRoot } from "../packageRoot.js";

export function initAction(output: Output) {
  return async (serviceDir: string | undefined, flags: { demo?: boolean }) => {
    if (Boolean(flags.demo) === (serviceDir !== undefined)) throw usage(serviceDir);
    const root = packageRoot();
    if (root === undefined) {
      throw new StagingError("staging's own package files are not found", {
        code: "E_INIT_DEMO",
        facts: { expected: "package.json of staging above this module" },
        hint: "reinstall staging",
      });
    }
    const projectDir = process.cwd();
    const entries = flags.demo
      ? await demoEntries(root, projectDir)
      : await serviceEntries({
          serviceDir: resolve(projectDir, serviceDir!),
          projectDir,
          schemasDir: resolve(root, "schemas"),
          now: new Date(),
        });
    await writeNewEntries(projectDir, entries);
    const folders = new Set(entries.filter((e) => !("content" in e)).map((e) => e.path));
    output.out(
      `wrote ${outermost(
        entries.map((e) => e.path),
        (p) => folders.has(p),
      ).join(", ")}`,
    );
    output.out("next:");
    const steps = NEXT[flags.demo ? "demo" : "service"];
    const width = Math.max(...steps.map(([command]) => command.length));
    for (const [command, what] of steps) output.out(`  ${command.padEnd(width)}  # ${what}`);
  };
}

/** What to run after init: the demo's campaign, or a first measurement of one's own service. */
const NEXT = {
  demo: [
    ["npx staging run-campaign candidate", "build both versions, measure them in rounds, print the report"],
    ["npx staging campaigns", "the campaign, its rounds and its verdicts (report.html beside report.md)"],
    ["npx staging promote candidate", "make the candidate the baseline, if no critical metric regressed"],
  ],
  service: [
    ["npx staging measure baseline", "build, start and measure the baseline once (checks the recipes)"],
    [
      "npx staging create-version my-change --from baseline",
      "a copy of it to change in versions/my-change/snapshot/",
    ],
    ["npx staging run-campaign my-change", "compare it with the baseline over repeated rounds"],
  ],
} as const;

function usage(serviceDir: string | undefined): StagingError {
  return new StagingError(
    serviceDir === undefined
      ? "init needs a service folder, or --demo"
      : "init takes a service folder or --demo, not both",
    {
      code: "E_USAGE",
      facts: { expected: "staging init <service-dir> | staging init --demo", got: serviceDir ?? "(nothing)" },
    },
  );
}
