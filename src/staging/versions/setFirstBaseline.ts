import { StagingError } from "../../errors/index.js";
import { writeFileAtomic } from "../workspace/atomicWrite.js";
import type { Workspace } from "../workspace/Workspace.js";
import { formatTimestamp } from "./formatTimestamp.js";
import { listVersions, resolveParent } from "./listVersions.js";
import { readVersionFile } from "./readVersionFile.js";
import { pickVersion } from "./readVersion.js";
import { checkSlugShape } from "./validateSlug.js";
import type { VersionEntry } from "./VersionEntry.js";
import { updateVersionYaml } from "./versionYaml.js";

/**
 * `staging set-baseline <slug>`: makes a `staging` or `candidate` version the first baseline of a
 * workspace (status `baseline`, `promoted_at`). Refuses with E_BASELINE_EXISTS when there is one.
 */
export async function setFirstBaseline(ws: Workspace, slug: string, now: Date): Promise<VersionEntry> {
  checkSlugShape(slug);
  const versions = await listVersions(ws);
  const current = versions.find((v) => v.status === "baseline");
  if (current) {
    throw new StagingError(`A baseline already exists: ${current.slug}`, {
      code: "E_BASELINE_EXISTS",
      facts: {
        file: current.file,
        field: "status",
        expected: "no baseline yet",
        got: `baseline: ${current.slug}`,
      },
      hint: `replace it by promoting a candidate: staging promote ${slug}`,
    });
  }
  const version = pickVersion(versions, slug, ws);
  if (version.status !== "staging" && version.status !== "candidate") {
    throw new StagingError(`Cannot make "${slug}" the first baseline: it is ${version.status}`, {
      code: "E_STATUS_TRANSITION",
      facts: {
        file: version.file,
        field: "status",
        expected: "staging or candidate",
        got: `${version.status} -> baseline`,
      },
      hint:
        version.status === "rejected"
          ? `mark it first: staging mark ${slug} staging`
          : "pick a staging or candidate version",
    });
  }
  const text = updateVersionYaml(version.text, { status: "baseline", promoted_at: formatTimestamp(now) });
  await writeFileAtomic(ws, version.file, text);
  return resolveParent(await readVersionFile(version.file, slug), new Set(versions.map((v) => v.slug)));
}
