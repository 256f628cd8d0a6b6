import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { StagingError, translateFsError } from "../../errors/index.js";
import { locateNode } from "../workspace/locateNode.js";
import { parseYamlFile } from "../workspace/parseYamlFile.js";
import { simpleYamlMapping } from "../workspace/simpleYamlMapping.js";
import type { ParsedYaml } from "../workspace/parseYamlFile.js";
import { VERSION_STATUSES, isVersionStatus } from "./VersionStatus.js";
import type { VersionRecord } from "./VersionEntry.js";
import { nearKeys, versionKeyWarnings } from "./versionKeyWarnings.js";

const REQUIRED = ["slug", "kind", "status", "parent", "created_at"] as const;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads and checks one version.yaml, accepting everything the old layout wrote (free-form `parent`,
 * microseconds, extra fields). `folderSlug` is the name of its folder, which `slug` must equal.
 */
export async function readVersionFile(file: string, folderSlug: string): Promise<VersionRecord> {
  const text = readText(file, folderSlug);
  // The common case without the YAML parser: a plain file that passes every check, without typos.
  const simple = simpleYamlMapping(text);
  if (simple !== undefined && !firstProblem(simple, folderSlug) && nearKeys(simple).length === 0)
    return record(file, text, simple, []);
  const parsed = parseYamlFile(file, text, "E_VERSION_YAML");
  const fields = checkFields(parsed, folderSlug);
  const warnings = versionKeyWarnings(file, fields, (key) => locateNode(parsed, [key], "key").line);
  return record(file, text, fields, warnings);
}

function record(
  file: string,
  text: string,
  fields: Record<string, unknown>,
  warnings: string[],
): VersionRecord {
  return {
    slug: fields.slug as string,
    status: fields.status as VersionRecord["status"],
    parent: fields.parent as string,
    createdAt: fields.created_at as string,
    dir: dirname(file),
    file,
    fields,
    text,
    warnings,
  };
}

/**
 * Read at once: a listing reads every version's file, and for a small file a round trip through
 * the thread pool costs more than the read.
 */
function readText(file: string, folderSlug: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw translateFsError(error, {
        action: `read version.yaml of "${folderSlug}"`,
        path: file,
        field: "version.yaml",
      });
    throw new StagingError(`Version folder "${folderSlug}" has no version.yaml`, {
      code: "E_VERSION_INCOMPLETE",
      facts: { file, expected: "slug, kind, status, parent, created_at" },
      hint: "restore version.yaml or remove the folder",
    });
  }
}

/** A check of one required field: what makes it valid and how to say it is not. */
interface FieldRule {
  key: (typeof REQUIRED)[number];
  code: string;
  ok: (value: string, folder: string) => boolean;
  headline: (value: string, folder: string) => string;
  expected: (folder: string) => string;
}

const RULES: FieldRule[] = [
  {
    key: "slug",
    code: "E_VERSION_SLUG_MISMATCH",
    ok: (value, folder) => value === folder,
    headline: (value, folder) => `version.yaml names slug "${value}" but its folder is "${folder}"`,
    expected: (folder) => `slug: ${folder}`,
  },
  {
    key: "kind",
    code: "E_VERSION_KIND",
    ok: (value) => value === "generic-service",
    headline: (value) => `Unknown version kind "${value}"`,
    expected: () => "generic-service",
  },
  {
    key: "status",
    code: "E_VERSION_STATUS",
    ok: isVersionStatus,
    headline: (value) => `Unknown status "${value}"`,
    expected: () => `one of: ${VERSION_STATUSES.join(", ")}`,
  },
  {
    key: "created_at",
    code: "E_VERSION_FIELD",
    ok: (value) => TIMESTAMP.test(value),
    headline: () => "Field `created_at` of version.yaml is not an ISO 8601 timestamp",
    expected: () => "a timestamp like 2026-02-22T20:01:59Z",
  },
];

function checkFields(parsed: ParsedYaml, folder: string): Record<string, unknown> {
  const data = parsed.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    const headline = "version.yaml is not a mapping";
    throw fieldError(parsed, {
      path: [],
      code: "E_VERSION_FIELD",
      headline,
      expected: "a mapping of fields",
      got: data,
    });
  }
  const fields = data as Record<string, unknown>;
  const problem = firstProblem(fields, folder);
  if (problem) throw fieldError(parsed, problem);
  return fields;
}

/** The first required field that is missing, not text, or not valid; undefined when all are. */
function firstProblem(fields: Record<string, unknown>, folder: string): FieldProblem | undefined {
  for (const key of REQUIRED) {
    const got = fields[key];
    if (typeof got === "string") continue;
    const missing = got === undefined;
    const headline = missing
      ? `Missing field \`${key}\` in version.yaml`
      : `Field \`${key}\` of version.yaml must be text`;
    const expected = missing ? `a \`${key}\` field` : "text";
    const near = missing ? nearKeys(fields).find((k) => k.suggestion === key) : undefined;
    const hint =
      near &&
      `\`${near.key}\` is there: did you mean \`${key}\`? Fix version.yaml by hand; nothing was changed`;
    return { path: [key], code: "E_VERSION_FIELD", headline, expected, got, ...(hint ? { hint } : {}) };
  }
  for (const rule of RULES) {
    const got = fields[rule.key] as string;
    if (rule.ok(got, folder)) continue;
    const headline = rule.headline(got, folder);
    return { path: [rule.key], code: rule.code, headline, expected: rule.expected(folder), got };
  }
  return undefined;
}

/** A problem with one field of version.yaml. */
interface FieldProblem {
  path: string[];
  code: string;
  headline: string;
  expected: string;
  got: unknown;
  hint?: string;
}

function fieldError(parsed: ParsedYaml, problem: FieldProblem): StagingError {
  const { line, column } = locateNode(parsed, problem.path);
  const got = problem.got === undefined ? "(missing)" : JSON.stringify(problem.got);
  const field = problem.path.join(".") || "(top level)";
  return new StagingError(problem.headline, {
    code: problem.code,
    facts: { file: parsed.file, line, column, field, expected: problem.expected, got },
    hint: problem.hint ?? "fix version.yaml by hand; nothing was changed",
  });
}
