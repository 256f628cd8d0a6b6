import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { canonicalJson, sha256Hex } from "../../engine/hashing.js";
import { recentTree } from "../../filehash/recentTrees.js";
import type { Artifact, ArtifactBuild } from "./buildArtifact.js";
import { checkArtifact } from "./checkArtifact.js";
import { treeContentDigest } from "./treeContentDigest.js";

/**
 * What an artifact is a function of: the snapshot's content, the build command as written (with
 * `{version}` only if it names it), its environment and the machine it runs on. Undefined for a
 * command that reads the workspace (`{workspace}`): what it reads there is nobody's input.
 */
export async function buildInputs(b: ArtifactBuild): Promise<string | undefined> {
  const said = JSON.stringify([b.recipe.command, b.recipe.env ?? {}]);
  if (said.includes("{workspace}")) return undefined;
  // The image node hashed the snapshot for its key just now; else it is digested here.
  const hashed = recentTree({ root: b.snapshotDir })?.digest;
  const snapshot = hashed ? `tree:${hashed}` : `content:${treeContentDigest(b.snapshotDir).digest}`;
  const { id, os, arch } = await b.target.identity([]);
  return sha256Hex(
    canonicalJson({
      format: 1,
      snapshot,
      command: b.recipe.command,
      env: b.recipe.env ?? {},
      mode: b.mode,
      version: said.includes("{version}") ? b.slug : null,
      machine: { id, os, arch },
    }),
  );
}

/** The artifact an earlier build of the same inputs made, while it is still in the store. */
export async function findSharedBuild(b: ArtifactBuild, inputs: string): Promise<Artifact | undefined> {
  try {
    const found = JSON.parse(await readFile(indexFile(b, inputs), "utf8")) as {
      digest: string;
      files: number;
    };
    const dir = join(b.stagingDir, "artifacts", found.digest);
    if (!/^[0-9a-f]{64}$/.test(found.digest) || !existsSync(dir)) return undefined;
    const artifact = { dir: relative(b.workspaceRoot, dir), digest: found.digest, files: found.files };
    // An artifact changed by hand since is not that build any more: build again.
    const intact = await checkArtifact(b, { image_ref: artifact.dir, image_id: artifact.digest });
    return intact.ok ? artifact : undefined;
  } catch {
    return undefined;
  }
}

/** Notes which artifact these inputs made, for the next build of the same inputs. */
export async function recordSharedBuild(b: ArtifactBuild, inputs: string, artifact: Artifact): Promise<void> {
  const file = indexFile(b, inputs);
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  await mkdir(join(b.stagingDir, "artifacts", "builds"), { recursive: true });
  try {
    await writeFile(tmp, JSON.stringify({ digest: artifact.digest, files: artifact.files }));
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

function indexFile(b: ArtifactBuild, inputs: string): string {
  return join(b.stagingDir, "artifacts", "builds", `${inputs}.json`);
}
