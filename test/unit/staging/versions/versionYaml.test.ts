import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  formatTimestamp,
  hypothesisTemplate,
  renderVersionYaml,
  updateVersionYaml,
} from "../../../../src/staging/versions/index.js";

describe("renderVersionYaml", () => {
  it("writes the old layout's key order, quoting timestamps", () => {
    const text = renderVersionYaml({
      slug: "cp-2",
      status: "staging",
      parent: "version:cp-1",
      createdAt: "2026-02-22T20:01:59Z",
      sourceCommit: "3f9c2e1",
      notes: "free text",
    });
    expect(text).toBe(
      [
        "slug: cp-2",
        "kind: generic-service",
        "status: staging",
        "parent: version:cp-1",
        "created_at: '2026-02-22T20:01:59Z'",
        "source_commit: '3f9c2e1'",
        "notes: 'free text'",
        "",
      ].join("\n"),
    );
  });

  it("round-trips any text as the same string in YAML 1.2 and 1.1 (the prototype's reader)", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom("yes", "no", "on", "123", "0o17", "1e3", "e0", "e10", "~", "null", "2026-01-01"),
        (notes, slugLike) => {
          for (const value of [notes, slugLike]) {
            const text = renderVersionYaml({
              slug: "a",
              status: "staging",
              parent: "none",
              createdAt: "2026-02-22T20:01:59Z",
              notes: value,
            });
            const modern = parse(text) as Record<string, unknown>;
            const old = parse(text, { version: "1.1" }) as Record<string, unknown>;
            expect(modern.notes).toBe(value);
            expect(old.notes).toBe(value);
            expect(old.created_at).toBe("2026-02-22T20:01:59Z");
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("updateVersionYaml", () => {
  it("changes only the given fields, keeping comments, order and unknown fields", () => {
    const before =
      "# kept\nslug: a\nkind: generic-service\nstatus: staging # the status\nparent: baseline\ncreated_at: 2026-02-22T18:24:42.185768Z\nowner: perf-team\nlimits: { cpu: 2 }\n";
    const after = updateVersionYaml(before, { status: "candidate", promoted_at: "2026-03-01T00:00:00Z" });
    expect(after).toBe(
      "# kept\nslug: a\nkind: generic-service\nstatus: candidate # the status\nparent: baseline\ncreated_at: 2026-02-22T18:24:42.185768Z\nowner: perf-team\nlimits: { cpu: 2 }\npromoted_at: '2026-03-01T00:00:00Z'\n",
    );
  });
});

describe("formatTimestamp", () => {
  it("writes UTC with seconds precision", () => {
    expect(formatTimestamp(new Date("2026-02-22T20:01:59.987Z"))).toBe("2026-02-22T20:01:59Z");
  });
});

describe("hypothesisTemplate", () => {
  it("has the title and the five sections in order, and names the parent in Context", () => {
    const text = hypothesisTemplate({
      slug: "cp-2",
      parent: "version:cp-1",
      fromBaseline: true,
      createdAt: "2026-02-22T20:01:59Z",
    });
    const headings = text.split("\n").filter((l) => l.startsWith("#"));
    expect(headings).toEqual([
      "# Hypothesis",
      "## Context",
      "## Differences from parent",
      "## Hypotheses",
      "## Risks",
      "## Expected impact",
    ]);
    const context = text.split("## Context")[1]?.split("## Differences")[0] ?? "";
    expect(context).toContain("`version:cp-1`, the baseline at that time");
  });

  it("says when there is no parent", () => {
    const text = hypothesisTemplate({
      slug: "cp-2",
      parent: "none",
      fromBaseline: false,
      createdAt: "2026-02-22T20:01:59Z",
    });
    expect(text).toContain("from an empty snapshot (parent: `none`)");
  });
});

describe("updateVersionYaml on unusual files", () => {
  const docs = [
    "slug: a\nstatus: staging",
    "{ slug: a, status: staging }\n",
    "slug: a\nstatus: 'staging'\n...\n",
    "slug: a\r\nstatus: staging\r\n",
    '# only comments above\nslug: a\nstatus: "staging"   # trailing\nnotes: |\n  multi\n  line\n',
    "slug: a\nstatus: staging\npromoted_at: [old]\n",
  ];

  it.each(docs)("keeps %j valid and sets the fields", (text) => {
    fc.assert(
      fc.property(
        fc.constantFrom("candidate", "archived-baseline"),
        fc.string(),
        fc.boolean(),
        (status, campaign, forced) => {
          const changes = {
            status,
            promoted_by_campaign: campaign,
            promotion_forced: forced,
            promoted_at: "2026-03-01T00:00:00Z",
          };
          const before = parse(text) as Record<string, unknown>;
          const after = parse(updateVersionYaml(text, changes)) as Record<string, unknown>;
          expect(after).toEqual({ ...before, ...changes });
        },
      ),
      { numRuns: 50 },
    );
  });
});
