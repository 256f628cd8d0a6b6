/** `staging/<workspace>/<slug>:<mode>-<12 hex>`: readable, and unique per build inputs. */
export function imageTag(workspaceName: string, slug: string, mode: string, buildKey: string): string {
  const ws =
    workspaceName
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[^a-z0-9]+/, "") || "workspace";
  return `staging/${ws}/${slug}:${mode.toLowerCase().replace(/[^a-z0-9._-]/g, "-")}-${buildKey.slice(0, 12)}`;
}
