import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { StagingError } from "../../errors/index.js";
import { planSnapshot } from "../versions/copySnapshot.js";
import { formatTimestamp } from "../versions/formatTimestamp.js";
import { hypothesisTemplate } from "../versions/hypothesisTemplate.js";
import { renderVersionYaml, updateVersionYaml } from "../versions/versionYaml.js";
import type { NewEntry } from "./NewEntry.js";
import { withSchemaLine } from "./schemaLines.js";
import { serviceBenchmark, serviceConfig, type ServiceKind } from "./serviceTemplates.js";

/** What a workspace for a service of one's own is made from. */
export interface ServiceInit {
  /** The service's folder: its content becomes the first baseline's snapshot. */
  serviceDir: string;
  projectDir: string;
  /** The installed package's schemas/ folder. */
  schemasDir: string;
  now: Date;
}

/** Never part of a snapshot: version control, installed dependencies, staging's own store. */
const NEVER = new Set([".git", "node_modules", ".staging"]);
/** The workspace's own entries, left out when the service folder is the project folder (`init .`). */
const WORKSPACE = ["staging.config.ts", "benchmark", "versions", "campaigns"];

/**
 * A workspace at `projectDir` for the service in `serviceDir`: a staging.config.ts with zx recipes
 * to edit (for a Node package, ones that install, build and start it), a benchmark with one GET,
 * and the version `baseline` (status baseline) whose snapshot is the service as it is now.
 */
export async function serviceEntries(init: ServiceInit): Promise<NewEntry[]> {
  if (!existsSync(init.serviceDir)) {
    throw new StagingError("The service folder does not exist", {
      code: "E_USAGE",
      facts: { folder: init.serviceDir, expected: "the folder of the service to stage" },
      hint: "staging init <service-dir>, or staging init --demo",
    });
  }
  const service = serviceKind(init.serviceDir);
  const mode = service.kind === "node" ? "node" : "service";
  // The project inside the service folder is left out of it; in the service folder itself, its entries are.
  const inside = relative(init.serviceDir, init.projectDir);
  const skip = (path: string) =>
    NEVER.has(basename(path)) || (inside === "" ? WORKSPACE.includes(path) : path === inside);
  const createdAt = formatTimestamp(init.now);
  const version = updateVersionYaml(
    renderVersionYaml({
      slug: "baseline",
      status: "baseline",
      parent: "none",
      createdAt,
      notes: `first baseline, from ${relative(init.projectDir, init.serviceDir) || "."}`,
    }),
    { promoted_at: createdAt },
  );
  const versionDir = join(init.projectDir, "versions/baseline");
  return [
    { path: "staging.config.ts", content: serviceConfig(service, basename(init.serviceDir)) },
    {
      path: "benchmark/benchmark.yaml",
      content: withSchemaLine(
        serviceBenchmark(mode),
        join(init.projectDir, "benchmark"),
        join(init.schemasDir, "benchmark.schema.json"),
      ),
    },
    { path: "versions/baseline/snapshot", tree: await planSnapshot(init.serviceDir, { skip }) },
    { path: "versions/baseline/images", folder: true },
    {
      path: "versions/baseline/version.yaml",
      content: withSchemaLine(version, versionDir, join(init.schemasDir, "version.schema.json")),
    },
    {
      path: "versions/baseline/hypothesis.md",
      content: hypothesisTemplate({ slug: "baseline", parent: "none", fromBaseline: false, createdAt }),
    },
  ];
}

/** A Node package (and what starts it) when the folder has a package.json, else anything else. */
function serviceKind(dir: string): ServiceKind {
  const file = join(dir, "package.json");
  if (!existsSync(file)) return { kind: "other" };
  let pkg: { scripts?: Record<string, unknown>; main?: unknown };
  try {
    pkg = JSON.parse(readFileSync(file, "utf8")) as typeof pkg;
  } catch {
    return { kind: "other" };
  }
  const lockfile = existsSync(join(dir, "package-lock.json"));
  if (typeof pkg.scripts?.start === "string") return { kind: "node", start: "npm-start", lockfile };
  const main = typeof pkg.main === "string" ? pkg.main.split(sep).join("/") : "index.js";
  return { kind: "node", start: { main }, lockfile };
}
