import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { simpleYamlMapping } from "../../../../src/staging/workspace/simpleYamlMapping.js";
import { renderVersionYaml } from "../../../../src/staging/versions/versionYaml.js";

/** What the full parser reads, as readVersionFile asks it: undefined where it reports an error. */
function parsed(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : doc.toJS();
}

// Pieces that look alike but read differently: words, numbers, booleans, nulls, timestamps,
// quotes, comments, colons, spaces, tabs and line ends in the wrong places.
const piece = fc.constantFrom(
  "slug",
  "status",
  "v1",
  "e0",
  "1e3",
  "0x1F",
  "0o7",
  ".inf",
  "-.5",
  "+1",
  "true",
  "False",
  "NULL",
  "~",
  "yes",
  "on",
  "2026-01-01T00:00:00Z",
  "a:b",
  "a: b",
  ":",
  "'",
  "''",
  "'x'",
  '"x"',
  '"',
  "\\",
  "\\n",
  '\\"',
  '"a b: c"',
  "#",
  " #c",
  " ",
  "\t",
  "\r",
  "-",
  "- x",
  "[a]",
  "{a: 1}",
  "&a",
  "*a",
  "!!str",
  "|",
  ">",
  "%",
  "---",
  "...",
  "é",
  "\u0001",
  "x.y_z-1",
);
const line = fc.array(piece, { minLength: 0, maxLength: 5 }).map((parts) => parts.join(""));
const inside = fc.array(piece, { maxLength: 3 }).map((parts) => parts.join(""));
const value = fc.oneof(
  inside,
  inside.map((t) => `'${t}'`),
  inside.map((t) => `"${t}"`),
);
const keyValue = fc.tuple(piece, value).map(([key, v]) => `${key}: ${v}`);
const text = fc
  .array(fc.oneof(line, keyValue, keyValue), { minLength: 0, maxLength: 8 })
  .map((lines) => lines.join("\n"));

describe("simpleYamlMapping", () => {
  it("reads a file the way the YAML parser does, or leaves it to the parser", () => {
    fc.assert(
      fc.property(text, (t) => {
        const simple = simpleYamlMapping(t);
        if (simple !== undefined) expect(simple).toEqual(parsed(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads what create-version writes, notes and all", () => {
    const written = renderVersionYaml({
      slug: "candidate-2",
      status: "staging",
      parent: "baseline",
      createdAt: "2026-12-06T19:00:00Z",
      sourceCommit: "0123abc",
      notes: "it's 10% faster: see #12",
      schema: "../../schemas/version.schema.json",
    });
    const simple = simpleYamlMapping(written);
    expect(simple).toBeDefined();
    expect(simple).toEqual(parsed(written));
  });

  it("reads the demo's hand-written files, with double-quoted text", () => {
    const text =
      "# yaml-language-server: $schema=../version.schema.json\nslug: candidate\n" +
      'created_at: "2026-11-25T00:00:00Z"\nnotes: "Single-pass tokenizer; responses unchanged."\n';
    expect(simpleYamlMapping(text)).toEqual(parsed(text));
    expect(simpleYamlMapping(text)?.notes).toBe("Single-pass tokenizer; responses unchanged.");
  });

  it("leaves duplicate keys, flow values, trailing comments and empty files to the parser", () => {
    for (const t of [
      "a: x\na: y\n",
      "a: [x]\n",
      "a: x # note\n",
      "",
      "# only a comment\n",
      "a:\n",
      `${"k".repeat(1025)}: v\n`,
    ])
      expect(simpleYamlMapping(t)).toBeUndefined();
  });
});
