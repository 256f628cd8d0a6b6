import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes `versions` versions of `files` files each (about `bytes` bytes a file) under `root/versions`. */
export function generateVersions(root: string, versions: number, files: number, bytes = 512): string[] {
  const slugs: string[] = [];
  for (let v = 0; v < versions; v++) {
    const slug = `v${String(v).padStart(2, "0")}`;
    slugs.push(slug);
    mkdirSync(join(root, "versions", slug), { recursive: true });
    writeFileSync(join(root, "versions", slug, "version.yaml"), versionYaml(slug), { flag: "w" });
    for (let f = 0; f < files; f++) {
      const dir = join(root, "versions", slug, "snapshot", `d${f % 25}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `f${f}.txt`), `${slug}/${f}\n`.repeat(Math.ceil(bytes / 8)).slice(0, bytes));
    }
  }
  return slugs;
}

function versionYaml(slug: string): string {
  return `slug: ${slug}\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n`;
}
