import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { StagingError } from "../../errors/index.js";
import { formatFieldPath } from "../workspace/locateNode.js";
import type { FieldPath } from "../workspace/locateNode.js";
import type { ParsedYaml } from "../workspace/parseYamlFile.js";
import { located } from "./located.js";
import type { NormalizedBenchmark } from "./NormalizedBenchmark.js";

/** A file the benchmark names, as written (relative to the benchmark's folder), and where. */
export interface FileReference {
  path: string;
  field: FieldPath;
}

/** Every file the benchmark references: each request's `corpus` and `load.k6.script`. */
export function referencedFiles(b: NormalizedBenchmark): FileReference[] {
  const refs: FileReference[] = [];
  for (const [name, request] of Object.entries(b.requests)) {
    if (request.corpus !== undefined)
      refs.push({ path: request.corpus, field: ["requests", name, "corpus"] });
  }
  if (b.load.k6?.script !== undefined) refs.push({ path: b.load.k6.script, field: ["load", "k6", "script"] });
  return refs;
}

/**
 * sha256 (hex) of each referenced file, keyed by the path as written. A file that is missing, not a
 * regular file, or outside the benchmark's folder (also through a symlink) throws E_BENCHMARK_FILE.
 */
export async function hashReferencedFiles(
  parsed: ParsedYaml,
  b: NormalizedBenchmark,
): Promise<Record<string, string>> {
  const base = dirname(parsed.file);
  const baseReal = await realpath(base);
  const hashes: Record<string, string> = {};
  const spelledTopLevel = typeof parsed.data === "object" && parsed.data !== null && "k6" in parsed.data;
  for (const found of referencedFiles(b)) {
    // The prototype's spelling names the script at `k6.script`: point there.
    const ref =
      spelledTopLevel && found.field[0] === "load" ? { ...found, field: found.field.slice(1) } : found;
    const full = resolve(base, ref.path);
    const real = await realpath(full).catch(() => null);
    const info = real === null ? null : await stat(real);
    if (!isInside(base, full) || real === null || !isInside(baseReal, real) || !info?.isFile()) {
      throw fileError(
        parsed,
        ref,
        real === null
          ? "no such file"
          : info?.isFile()
            ? "outside the benchmark folder"
            : "not a regular file",
      );
    }
    hashes[ref.path] = createHash("sha256")
      .update(await readFile(real))
      .digest("hex");
  }
  return hashes;
}

function fileError(parsed: ParsedYaml, ref: FileReference, why: string): StagingError {
  const folder = dirname(parsed.file);
  return located(parsed, {
    path: ref.field,
    code: "E_BENCHMARK_FILE",
    headline: `In ${basename(parsed.file)}: \`${formatFieldPath(ref.field)}\` names a file that cannot be used (${why})`,
    expected: `a file inside ${folder}`,
    hint: `create ${resolve(folder, ref.path)} or fix the path; paths are relative to ${folder}`,
  });
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
