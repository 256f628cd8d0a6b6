import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const tracked = execFileSync("git", ["ls-files"], { cwd: REPO, encoding: "utf8" }).split("\n");
const documents = ["README.md", ...tracked.filter((f) => /^docs\/[^/]+\.md$/.test(f))];

/** Every `[text](target)` and `src="target"` of a Markdown file whose target is a path of this repository. */
function relativeLinks(text: string): string[] {
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!),
  ];
  return targets.filter((t) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(t));
}

describe("links in README.md and docs/", () => {
  it.each(documents)("every relative link of %s resolves", (doc) => {
    const text = readFileSync(join(REPO, doc), "utf8");
    const broken = relativeLinks(text).filter((target) => {
      const path = decodeURI(target.split("#")[0]!);
      return !existsSync(join(REPO, dirname(doc), path));
    });
    expect(broken).toEqual([]);
  });

  it.each(documents)("every Markdown file %s names exists in the repository", (doc) => {
    const names = new Set(tracked.map((f) => basename(f)));
    const text = readFileSync(join(REPO, doc), "utf8");
    const named = [...text.matchAll(/[\w.-]+\.md\b/g)].map((m) => m[0]);
    expect(named.filter((name) => !names.has(name))).toEqual([]);
  });
});
