import { mkdtempSync, mkdirSync, rmSync, writeFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, isAbsolute, resolve } from "node:path";
import { afterEach } from "vitest";

/** A tree to write: file path -> content (string), or null for an empty folder. */
export type Tree = Record<string, string | null>;

const made: string[] = [];

afterEach(() => {
  if (process.env.STAGING_KEEP_TMP === "1") return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed after the test unless STAGING_KEEP_TMP=1. */
export function useTmpDir(tree: Tree = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "staging-test-")));
  made.push(root);
  writeTree(root, tree);
  return root;
}

/** Writes `tree` under `root`, refusing any path that escapes it. */
export function writeTree(root: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const full = resolve(root, path);
    const rel = relative(root, full);
    if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`test tree path escapes its root: ${path}`);
    if (content === null) {
      mkdirSync(full, { recursive: true });
    } else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
}
