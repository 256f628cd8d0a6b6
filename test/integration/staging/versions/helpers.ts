import { cpSync } from "node:fs";
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isStagingError } from "../../../../src/errors/index.js";
import type { StagingError } from "../../../../src/errors/index.js";
import { openWorkspace } from "../../../../src/staging/workspace/index.js";
import type { Workspace } from "../../../../src/staging/workspace/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import type { Tree } from "../../../helpers/useTmpDir.js";

/** The control-plane modes. */
export const MODES = ["jvm", "native"];

/** A fixture folder under test/fixtures/workspaces. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/workspaces/${name}`, import.meta.url));
}

/** A temp copy of a fixture workspace. */
export function copyFixture(name: string): string {
  const root = useTmpDir();
  cpSync(fixturePath(name), root, { recursive: true });
  return root;
}

/** A version.yaml in the old layout. */
export function versionYaml(slug: string, status: string, parent = "none", extra = ""): string {
  return `slug: ${slug}\nkind: generic-service\nstatus: ${status}\nparent: ${parent}\ncreated_at: '2026-02-22T20:01:59Z'\n${extra}`;
}

/** Tree entries for a complete version folder. */
export function versionTree(slug: string, status: string, parent = "none", files: Tree = {}): Tree {
  const tree: Tree = {
    [`versions/${slug}/version.yaml`]: versionYaml(slug, status, parent),
    [`versions/${slug}/hypothesis.md`]: "# Hypothesis\n",
    [`versions/${slug}/snapshot`]: null,
    [`versions/${slug}/images`]: null,
  };
  for (const [path, content] of Object.entries(files)) tree[`versions/${slug}/snapshot/${path}`] = content;
  return tree;
}

/** A temp workspace from a tree, opened with the control-plane modes. */
export async function workspaceFrom(tree: Tree): Promise<Workspace> {
  const root = useTmpDir({ versions: null, ...tree });
  return openWorkspace(root, { requiredModes: MODES });
}

/** Every path under `root` with its type, mode and content (or link text): equal states mean nothing changed. */
export async function treeState(root: string): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    const full = join(root, rel);
    const info = await lstat(full);
    const mode = (info.mode & 0o7777).toString(8);
    if (info.isSymbolicLink()) state[rel] = `link ${await readlink(full)}`;
    else if (info.isFile())
      state[rel] = `file ${mode} ${createHash("sha256")
        .update(await readFile(full))
        .digest("hex")}`;
    else if (info.isDirectory()) {
      state[rel || "."] = `dir ${mode}`;
      for (const name of await readdir(full)) await walk(rel ? join(rel, name) : name);
    }
  };
  await walk("");
  return state;
}

/** The StagingError `action` rejects with (fails the test when it resolves or throws something else). */
export async function stagingErrorOf(action: () => Promise<unknown>): Promise<StagingError> {
  try {
    await action();
  } catch (error) {
    if (isStagingError(error)) return error;
    throw error;
  }
  throw new Error("expected a StagingError, but the action succeeded");
}
