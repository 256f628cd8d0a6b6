import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { StagingError } from "../../errors/index.js";
import { planSnapshot } from "../versions/copySnapshot.js";
import type { NewEntry } from "./NewEntry.js";
import { withSchemaLine } from "./schemaLines.js";

/** The demo's own versions: what the package ships (package.json `files`). */
const DEMO_VERSIONS = ["baseline", "candidate"] as const;

/**
 * The bundled demo as a workspace of its own in `projectDir`: the package's staging.config.ts with
 * the workspace at the project's root, the benchmark and its corpus, the Dockerfiles, and the
 * baseline and candidate versions; each YAML file names its schema in the installed package.
 */
export async function demoEntries(packageRoot: string, projectDir: string): Promise<NewEntry[]> {
  const demo = join(packageRoot, "experiments/demo");
  const schemas = join(packageRoot, "schemas");
  const entries: NewEntry[] = [
    { path: "staging.config.ts", content: await demoConfig(packageRoot) },
    {
      path: "benchmark",
      tree: await planSnapshot(join(demo, "benchmark"), { skip: (p) => p === "benchmark.yaml" }),
    },
    {
      path: "benchmark/benchmark.yaml",
      content: withSchemaLine(
        await readFile(join(demo, "benchmark/benchmark.yaml"), "utf8"),
        join(projectDir, "benchmark"),
        join(schemas, "benchmark.schema.json"),
      ),
    },
    { path: "docker", tree: await planSnapshot(join(demo, "docker")) },
  ];
  for (const slug of DEMO_VERSIONS) {
    const from = join(demo, "versions", slug);
    const skip = (p: string) => p === "version.yaml" || p === join("images", "manifest.json");
    entries.push(
      { path: `versions/${slug}`, tree: await planSnapshot(from, { skip }) },
      {
        path: `versions/${slug}/version.yaml`,
        content: withSchemaLine(
          await readFile(join(from, "version.yaml"), "utf8"),
          join(projectDir, "versions", slug),
          join(schemas, "version.schema.json"),
        ),
      },
    );
  }
  return entries;
}

/** The package's own config (the demo's recipes), with the workspace where the project is. */
async function demoConfig(packageRoot: string): Promise<string> {
  const text = await readFile(join(packageRoot, "staging.config.ts"), "utf8");
  const from = 'workspace: "experiments/demo"';
  if (!text.includes(from)) {
    throw new StagingError("The demo's config in this staging package has an unexpected shape", {
      code: "E_INIT_DEMO",
      facts: { file: join(packageRoot, "staging.config.ts"), expected: from },
      hint: "reinstall staging",
    });
  }
  return text
    .replace(
      "/** This repository's own workspace: the embedded demo service, built and run on this machine. */",
      "/** The demo workspace `staging init --demo` wrote: a small service in two versions, built and run on this machine. */",
    )
    .replace(from, 'workspace: "."');
}
