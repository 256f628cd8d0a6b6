import type { InputManifest } from "./InputManifest.js";

/** One difference between two manifests of a node. `old`/`new` are absent when added/removed. */
export interface ManifestChange {
  kind: "task-version" | "file" | "value" | "env" | "upstream";
  /** The file input's name, value name, variable name or upstream node id. */
  name: string;
  /** For files: the path relative to the file input's root. */
  path?: string;
  old?: string | null;
  new?: string | null;
}

/** Every difference, in a fixed order: task version, files, values, env, upstream. */
export function diffManifests(before: InputManifest, after: InputManifest): ManifestChange[] {
  const changes: ManifestChange[] = [];
  if (before.taskVersion !== after.taskVersion) {
    changes.push({
      kind: "task-version",
      name: "taskVersion",
      old: before.taskVersion,
      new: after.taskVersion,
    });
  }
  for (const name of unionKeys(before.files, after.files)) {
    const a = before.files[name] ?? {};
    const b = after.files[name] ?? {};
    for (const path of unionKeys(a, b)) {
      if (a[path] !== b[path]) changes.push({ kind: "file", name, path, ...pair(a[path], b[path]) });
    }
  }
  diffFlat("value", before.values, after.values, changes);
  diffFlat("env", before.env, after.env, changes);
  diffFlat("upstream", before.upstream, after.upstream, changes);
  return changes;
}

/** A one-line reason, as `status`, `make` and `watch` show it. */
export function describeChanges(changes: readonly ManifestChange[]): string {
  if (changes.length === 0) return "inputs changed";
  const groups = new Map<string, string[]>();
  for (const c of changes) {
    const label =
      c.kind === "file"
        ? "files changed"
        : c.kind === "task-version"
          ? "task version changed"
          : `${c.kind} changed`;
    const what =
      c.kind === "file"
        ? `${c.name}/${c.path}${c.old === undefined ? " (added)" : c.new === undefined ? " (removed)" : ""}`
        : c.name;
    groups.set(label, [...(groups.get(label) ?? []), what]);
  }
  return [...groups]
    .map(
      ([label, items]) =>
        `${label}: ${items.slice(0, 3).join(", ")}${items.length > 3 ? ` (+${items.length - 3} more)` : ""}`,
    )
    .join("; ");
}

function diffFlat(
  kind: ManifestChange["kind"],
  a: Record<string, string | null>,
  b: Record<string, string | null>,
  out: ManifestChange[],
): void {
  for (const name of unionKeys(a, b)) {
    if (a[name] !== b[name]) out.push({ kind, name, ...pair(a[name], b[name]) });
  }
}

function pair(
  a: string | null | undefined,
  b: string | null | undefined,
): Pick<ManifestChange, "old" | "new"> {
  const out: Pick<ManifestChange, "old" | "new"> = {};
  if (a !== undefined) out.old = a;
  if (b !== undefined) out.new = b;
  return out;
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}
