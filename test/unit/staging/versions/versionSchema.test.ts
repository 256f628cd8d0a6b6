import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderVersionYaml } from "../../../../src/staging/versions/index.js";
import { nearKeys, VERSION_KEYS } from "../../../../src/staging/versions/versionKeyWarnings.js";
import { editDistance } from "../../../../src/text/editDistance.js";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const schema = JSON.parse(readFileSync(join(REPO, "schemas/version.schema.json"), "utf8")) as {
  properties: Record<string, unknown>;
};
const validate = new Ajv({ strict: false }).compile(schema);

/** Every version.yaml under a folder of the repository. */
function versionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    if (statSync(path).isDirectory()) return versionFiles(path);
    return name === "version.yaml" ? [path] : [];
  });
}

describe("schemas/version.schema.json", () => {
  it("names exactly the fields staging reads and writes", () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...VERSION_KEYS].sort());
  });

  it("accepts every version.yaml of the demo and the test fixtures, the prototype's extra fields included", () => {
    const files = [
      ...versionFiles(join(REPO, "experiments/demo")),
      ...versionFiles(join(REPO, "test/fixtures")),
    ];
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const ok = validate(parse(readFileSync(file, "utf8")));
      expect(ok ? [] : validate.errors, file).toEqual([]);
    }
  });

  it("accepts what create-version writes, and its first line names the schema", () => {
    const text = renderVersionYaml({
      slug: "v2",
      status: "staging",
      parent: "version:v1",
      createdAt: "2026-02-22T20:01:59Z",
      schema: "../../node_modules/staging/schemas/version.schema.json",
    });
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../../node_modules/staging/schemas/version.schema.json",
    );
    expect(validate(parse(text))).toBe(true);
  });

  it("refuses an unknown status, as staging does", () => {
    expect(
      validate({
        slug: "a",
        kind: "generic-service",
        status: "approved",
        parent: "none",
        created_at: "2026-02-22T20:01:59Z",
      }),
    ).toBe(false);
  });
});

describe("keys near a known one", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("statsu", "status")).toBe(1);
    expect(editDistance("stat", "status")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests the known key within 2 edits, and says nothing of other unknown keys", () => {
    expect(
      nearKeys({ statsu: "candidate", notse: "x", owner: "perf-team", created: "2026", status: "staging" }),
    ).toEqual([
      { key: "statsu", suggestion: "status" },
      { key: "notse", suggestion: "notes" },
    ]);
  });
});
