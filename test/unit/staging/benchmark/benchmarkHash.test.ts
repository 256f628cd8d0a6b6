import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Document } from "yaml";
import { benchmarkHash, canonicalJson, loadBenchmark } from "../../../../src/staging/benchmark/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const MODES = ["jvm", "native"];
const BASE = {
  platform_modes: ["jvm", "native"],
  runs: 5,
  load: { driver: "autocannon", connections: 4 },
  requests: {
    "word-stats": { path: "/functions/word-stats/invoke", corpus: "corpus/ws.jsonl" },
    echo: { method: "GET", path: "/echo" },
  },
  metrics: { p99: { direction: "lower", critical: true } },
  extra: { owner: "perf", tags: ["a", "b"] },
};

function workspace(text: string): string {
  const root = useTmpDir({
    "benchmark/benchmark.yaml": text,
    "benchmark/corpus/ws.jsonl": '{"body": "x"}\n',
  });
  return join(root, "benchmark/benchmark.yaml");
}

async function hashOf(text: string, path = workspace(text)): Promise<string> {
  writeFileSync(path, text);
  return (await loadBenchmark(path, { requiredModes: MODES })).hash;
}

/** `value` with the keys of every mapping reordered by `seed`. */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, seed));
  if (value === null || typeof value !== "object") return value;
  const rank = (key: string): number =>
    [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0) + seed) % 9973, seed);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((k) => [k, shuffleKeys((value as Record<string, unknown>)[k], seed)]));
}

/** YAML text of `value` with its keys reordered, in block or flow style, between comments. */
function restyle(value: unknown, seed: number, flow: boolean, comment: string): string {
  const text = new Document(shuffleKeys(value, seed)).toString({ collectionStyle: flow ? "flow" : "block" });
  return `# ${comment.replace(/[\r\n]/g, " ")}\n${text}# end\n`;
}

describe("benchmarkHash", () => {
  it("ignores comments, key order, style and spelled-out defaults", async () => {
    const plain = new Document(BASE).toString();
    const reference = await hashOf(plain);
    const withDefaults = new Document({
      ...BASE,
      function_profile: "all",
      thresholds: { response_sample: 50 },
      scrape: { path: "/metrics" },
    }).toString();
    expect(await hashOf(withDefaults)).toBe(reference);
    await fc.assert(
      fc.asyncProperty(fc.nat(10_000), fc.boolean(), fc.string(), async (seed, flow, comment) => {
        expect(await hashOf(restyle(BASE, seed, flow, comment))).toBe(reference);
      }),
      { numRuns: 25 },
    );
  });

  it("changes with every meaningful edit, including referenced files", async () => {
    const plain = new Document(BASE).toString();
    const path = workspace(plain);
    const reference = await hashOf(plain, path);
    const edits = [
      { ...BASE, runs: 6 },
      { ...BASE, platform_modes: ["native", "jvm"] },
      { ...BASE, load: { ...BASE.load, connections: 5 } },
      { ...BASE, metrics: { p99: { direction: "lower", critical: false } } },
      { ...BASE, extra: { owner: "perf", tags: ["b", "a"] } },
    ];
    const hashes = new Set([reference]);
    for (const edit of edits) hashes.add(await hashOf(new Document(edit).toString(), path));
    expect(hashes.size).toBe(edits.length + 1);
    writeFileSync(join(path, "../corpus/ws.jsonl"), '{"body": "y"}\n');
    expect(await hashOf(plain, path)).not.toBe(reference);
  });

  it("is sha256 over the canonical JSON of the normalized content and the file hashes", () => {
    expect(canonicalJson({ b: [1, { d: 1, c: null }], a: "x", u: undefined })).toBe(
      '{"a":"x","b":[1,{"c":null,"d":1}]}',
    );
    const expected = createHash("sha256")
      .update('{"benchmark":{"runs":1},"files":{"a.txt":"00"}}')
      .digest("hex");
    expect(benchmarkHash({ runs: 1 } as never, { "a.txt": "00" })).toBe(expected);
  });
});
