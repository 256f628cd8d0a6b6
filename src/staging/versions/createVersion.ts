import { lstat, mkdir, rename, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { StagingError, translateFsError } from "../../errors/index.js";
import { syncDir, writeAndSync } from "../../fsutil/atomicWrite.js";
import { makeTempPath } from "../workspace/tempPath.js";
import { versionDir, versionFile } from "../workspace/Workspace.js";
import type { Workspace } from "../workspace/Workspace.js";
import { copySnapshot, planSnapshot } from "./copySnapshot.js";
import { formatTimestamp } from "./formatTimestamp.js";
import { hypothesisTemplate } from "./hypothesisTemplate.js";
import { listVersions } from "./listVersions.js";
import type { FromSpec } from "./parseFromSpec.js";
import { readVersionFile } from "./readVersionFile.js";
import { pickVersion } from "./readVersion.js";
import { checkSlugShape, validateSlug } from "./validateSlug.js";
import type { VersionEntry } from "./VersionEntry.js";
import { renderVersionYaml } from "./versionYaml.js";

/** What `createVersion` makes. */
export interface CreateVersionOptions {
  slug: string;
  /** `baseline` (the current one, resolved), another version, or `none` (an empty snapshot). */
  from: FromSpec;
  /** Written as `created_at`. */
  now: Date;
  notes?: string;
  sourceCommit?: string;
  /** schemas/version.schema.json of the staging that writes it: named in the new version.yaml, relative to it. */
  schemaFile?: string;
}

/**
 * Creates `versions/<slug>/` (version.yaml with status `staging`, hypothesis.md, snapshot/, images/).
 * The folder is built under `.staging/tmp` and renamed into place, so it appears whole or not at all.
 */
export async function createVersion(ws: Workspace, options: CreateVersionOptions): Promise<VersionEntry> {
  const slug = validateSlug(options.slug);
  const source = resolveSource(ws, await listVersions(ws), options.from);
  await refuseExisting(ws, slug);
  const plan = source ? await planSnapshot(join(source.dir, "snapshot")) : null;
  // `--from baseline` is recorded resolved, not as the prototype's literal `parent: baseline`
  // (COMPAT.md): after the next promotion `baseline` would name another version.
  const parent = source ? `version:${source.slug}` : "none";
  const createdAt = formatTimestamp(options.now);
  const temp = await makeTempPath(ws, "create").catch((error: unknown) => {
    throw translateFsError(error, { action: `create version ${slug}` });
  });
  try {
    await mkdir(temp);
    if (plan) await copySnapshot(plan, join(temp, "snapshot"));
    else await mkdir(join(temp, "snapshot"));
    await mkdir(join(temp, "images"));
    const fromBaseline = options.from === "baseline";
    await writeAndSync(
      join(temp, "hypothesis.md"),
      hypothesisTemplate({ slug, parent, fromBaseline, createdAt }),
    );
    const yaml = renderVersionYaml({
      slug,
      status: "staging",
      parent,
      createdAt,
      ...optional(options),
      ...(options.schemaFile ? { schema: relative(versionDir(ws, slug), options.schemaFile) } : {}),
    });
    await writeAndSync(join(temp, "version.yaml"), yaml);
    await syncDir(temp);
    await moveIntoPlace(ws, temp, slug);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // A disk that fills midway leaves nothing: the half-made folder was under .staging/tmp.
    throw translateFsError(error, { action: `create version ${slug}` });
  }
  const record = await readVersionFile(versionFile(ws, slug), slug);
  return { ...record, parentSlug: source?.slug ?? null, origin: source ? "version" : "none" };
}

function resolveSource(ws: Workspace, versions: VersionEntry[], from: FromSpec): VersionEntry | null {
  if (from === "none") return null;
  if (from !== "baseline") return pickVersion(versions, checkSlugShape(from.version, "from"), ws);
  const baseline = versions.find((v) => v.status === "baseline");
  if (baseline) return baseline;
  throw new StagingError("No baseline version found", {
    code: "E_NO_BASELINE",
    facts: { file: ws.versionsDir, field: "from", expected: "a version with status baseline", got: "none" },
    hint: "set the first one with `staging set-baseline <slug>`, or use --from version:<slug> or --from none",
  });
}

async function refuseExisting(ws: Workspace, slug: string): Promise<void> {
  if (!(await lstat(versionDir(ws, slug)).catch(() => null))) return;
  throw existsError(ws, slug);
}

async function moveIntoPlace(ws: Workspace, temp: string, slug: string): Promise<void> {
  await mkdir(ws.versionsDir, { recursive: true });
  // A concurrent create of the same slug may have won since the check: rename never replaces a
  // non-empty folder, and an empty one is checked again first.
  await refuseExisting(ws, slug);
  try {
    await rename(temp, versionDir(ws, slug));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTEMPTY" || code === "EEXIST") throw existsError(ws, slug);
    throw error;
  }
  await syncDir(ws.versionsDir);
}

function existsError(ws: Workspace, slug: string): StagingError {
  return new StagingError(`Version "${slug}" already exists`, {
    code: "E_VERSION_EXISTS",
    facts: { file: versionDir(ws, slug), field: "slug", got: slug },
    hint: "pick another slug; the existing version was not touched",
  });
}

function optional(options: CreateVersionOptions): { notes?: string; sourceCommit?: string } {
  return {
    ...(options.notes === undefined ? {} : { notes: options.notes }),
    ...(options.sourceCommit === undefined ? {} : { sourceCommit: options.sourceCommit }),
  };
}
