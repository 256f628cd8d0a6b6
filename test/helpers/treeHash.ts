import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/**
 * One sha256 over a whole tree: every path with its type, mode and content (or link text), in
 * sorted order. Equal hashes mean nothing under `root` was created, removed or changed.
 */
export function treeHash(root: string): string {
  const hash = createHash("sha256");
  const walk = (rel: string): void => {
    const full = join(root, rel);
    const info = lstatSync(full);
    const mode = (info.mode & 0o7777).toString(8);
    if (info.isSymbolicLink()) hash.update(`${rel}\0link\0${readlinkSync(full)}\0`);
    else if (info.isFile()) hash.update(`${rel}\0file ${mode}\0`).update(readFileSync(full)).update("\0");
    else if (info.isDirectory()) {
      hash.update(`${rel}\0dir ${mode}\0`);
      for (const name of readdirSync(full).sort()) walk(rel ? join(rel, name) : name);
    } else hash.update(`${rel}\0other\0`);
  };
  walk("");
  return hash.digest("hex");
}
