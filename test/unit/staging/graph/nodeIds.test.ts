import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNodeId, nodeIds, parseNodeId, type NodeId } from "../../../../src/staging/graph/nodeIds.js";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const KINDS = "fingerprint|image|deploy|run|round|look|plan|prepare|aggregate|report|promote|campaign|images";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts|mjs)$/.test(name) ? [path] : [];
  });
}

describe("node ids", () => {
  const part = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
  const id: fc.Arbitrary<NodeId> = fc.oneof(
    part.map((version) => ({ kind: "fingerprint" as const, version })),
    fc.tuple(part, part).map(([version, mode]) => ({ kind: "image" as const, version, mode })),
    fc.tuple(part, part).map(([version, mode]) => ({ kind: "deploy" as const, version, mode })),
    part.map((candidate) => ({ kind: "plan" as const, candidate })),
    part.map((candidate) => ({ kind: "campaign" as const, candidate })),
    part.map((candidate) => ({ kind: "promote" as const, candidate })),
    part.map((campaign) => ({ kind: "prepare" as const, campaign })),
    part.map((campaign) => ({ kind: "aggregate" as const, campaign })),
    part.map((campaign) => ({ kind: "report" as const, campaign })),
    fc
      .tuple(part, part, fc.integer({ min: 1, max: 999 }))
      .map(([campaign, mode, round]) => ({ kind: "round" as const, campaign, mode, round })),
    fc
      .tuple(part, fc.integer({ min: 1, max: 999 }))
      .map(([campaign, rounds]) => ({ kind: "look" as const, campaign, rounds })),
  );

  it("parse back to what they were formatted from", () => {
    fc.assert(
      fc.property(id, (parts) => {
        expect(parseNodeId(formatNodeId(parts))).toEqual(parts);
      }),
      { seed: 17 },
    );
  });

  it("are not made of text that is no id", () => {
    for (const text of [
      "",
      "round:c:node",
      "round:c:node:0",
      "look:c:x",
      "image:a",
      "fingerprint:",
      "nope:a",
      "image::m",
    ])
      expect(parseNodeId(text), text).toBeUndefined();
    expect(nodeIds.round("c1", "node", 3)).toBe("round:c1:node:3");
  });

  it("are formatted nowhere but in nodeIds.ts: no id template anywhere else in src, tasks, bench or scripts", () => {
    const template = new RegExp(`\`(${KINDS}):\\$\\{`);
    const prefix = new RegExp(`(startsWith|includes)\\("(${KINDS}):`);
    const offenders = ["src", "tasks", "bench", "scripts"]
      .flatMap((dir) => sources(join(REPO, dir)))
      .filter((file) => !file.endsWith(join("src", "staging", "graph", "nodeIds.ts")))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, i) =>
            template.test(line) || prefix.test(line) ? [`${relative(REPO, file)}:${i + 1}`] : [],
          ),
      );
    expect(offenders).toEqual([]);
  });
});
