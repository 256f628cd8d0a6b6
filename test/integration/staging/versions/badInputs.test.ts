import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ErrorFacts } from "../../../../src/errors/index.js";
import {
  applyPromotion,
  createVersion,
  listVersions,
  markVersion,
  setFirstBaseline,
} from "../../../../src/staging/versions/index.js";
import { loadWorkspaceBenchmark, openWorkspace } from "../../../../src/staging/workspace/index.js";
import type { Workspace } from "../../../../src/staging/workspace/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import type { Tree } from "../../../helpers/useTmpDir.js";
import { MODES, stagingErrorOf, treeState, versionTree, versionYaml } from "./helpers.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const BENCH =
  "platform_modes: [jvm, native]\nrequests:\n  word-stats:\n    path: /functions/word-stats/invoke\n";
const RULE =
  "1 to 63 characters: lowercase letters, digits and dashes, starting with a letter or digit, not a reserved word";

interface BadInput {
  name: string;
  tree?: Tree;
  /** Completes the tree (e.g. symlinks) before the "before" state is taken. */
  setup?: (root: string) => void;
  /** Runs after the tree is written; `root` is the workspace folder. */
  run: (ws: Workspace, root: string) => Promise<unknown>;
  code: string;
  message: string | RegExp;
  facts?: ErrorFacts;
}

const open = (root: string): Promise<Workspace> => openWorkspace(root, { requiredModes: MODES });
const create =
  (slug: string, from: "none" | "baseline" | { version: string } = "none") =>
  (ws: Workspace) =>
    createVersion(ws, { slug, from, now: NOW });
const bench = (text: string): Tree => ({ "benchmark/benchmark.yaml": text });
const loadBench = (ws: Workspace) => loadWorkspaceBenchmark(ws);
const badSlug = (slug: string): BadInput => ({
  name: `slug ${JSON.stringify(slug)}`,
  run: create(slug),
  code: "E_SLUG",
  message: `Invalid version slug ${JSON.stringify(slug)}: use ${RULE}`,
  facts: { field: "slug", expected: RULE, got: JSON.stringify(slug) },
});
const twoBaselines: Tree = {
  ...versionTree("b1", "baseline"),
  ...versionTree("b2", "baseline"),
  ...versionTree("s", "staging"),
};

const CASES: BadInput[] = [
  ...["../x", "a b", "$(id)", "it's", '"q"', "Upper", "", "a\nb", "a".repeat(64), "-lead", "a/b"].map(
    badSlug,
  ),
  {
    name: "reserved slug",
    run: create("baseline"),
    code: "E_SLUG_RESERVED",
    message: 'Invalid version slug "baseline": it is a reserved word',
  },
  {
    name: "existing slug",
    tree: versionTree("v1", "staging", "none", { "a.txt": "a" }),
    run: create("v1"),
    code: "E_VERSION_EXISTS",
    message: 'Version "v1" already exists',
  },
  {
    name: "--from an absent version",
    tree: versionTree("v1", "staging"),
    run: create("v2", { version: "ghost" }),
    code: "E_VERSION_NOT_FOUND",
    message: 'Version "ghost" not found',
    facts: { expected: "one of: v1", got: "ghost" },
  },
  {
    name: "--from version:../etc",
    run: create("v2", { version: "../etc" }),
    code: "E_SLUG",
    message: /^Invalid version slug "..\/etc"/,
    facts: { field: "from" },
  },
  {
    name: "--from baseline without one",
    tree: versionTree("v1", "staging"),
    run: create("v2", "baseline"),
    code: "E_NO_BASELINE",
    message: "No baseline version found",
  },
  {
    name: "relative symlink escaping the snapshot",
    tree: { ...versionTree("v1", "baseline", "none", { "a.txt": "a" }), "outside.txt": "secret" },
    setup: (root) => symlinkSync("../../../outside.txt", join(root, "versions/v1/snapshot/leak")),
    run: create("v2", "baseline"),
    code: "E_SYMLINK_ESCAPE",
    message: "A symlink in the snapshot points outside it",
    facts: { got: "../../../outside.txt" },
  },
  {
    name: "absolute symlink escaping the snapshot",
    tree: versionTree("v1", "baseline", "none", { "a.txt": "a" }),
    setup: (root) => symlinkSync("/etc/passwd", join(root, "versions/v1/snapshot/a-passwd")),
    run: create("v2", "baseline"),
    code: "E_SYMLINK_ESCAPE",
    message: "A symlink in the snapshot points outside it",
    facts: { got: "/etc/passwd" },
  },
  {
    name: "symlink escaping through another link (d -> ., x -> d/..)",
    tree: versionTree("v1", "baseline", "none", { "a.txt": "a" }),
    setup: (root) => {
      symlinkSync(".", join(root, "versions/v1/snapshot/d"));
      symlinkSync("d/..", join(root, "versions/v1/snapshot/x"));
    },
    run: create("v2", "baseline"),
    code: "E_SYMLINK_ESCAPE",
    message: "A symlink in the snapshot points outside it",
    facts: { got: "d/.." },
  },
  {
    name: "source version without snapshot",
    tree: { "versions/v1/version.yaml": versionYaml("v1", "baseline") },
    run: create("v2", "baseline"),
    code: "E_VERSION_INCOMPLETE",
    message: 'Version folder "v1" has no snapshot/ folder',
    facts: { field: "snapshot", got: "(missing)" },
  },
  {
    name: "unknown status in version.yaml",
    tree: { "versions/v1/version.yaml": versionYaml("v1", "promoted") },
    run: listVersions,
    code: "E_VERSION_STATUS",
    message: 'Unknown status "promoted"',
    facts: {
      line: 3,
      column: 9,
      field: "status",
      expected: "one of: staging, candidate, baseline, rejected, archived-baseline",
      got: '"promoted"',
    },
  },
  {
    name: "malformed version.yaml",
    tree: { "versions/v1/version.yaml": "slug: v1\nkind: [generic-service\nstatus: staging\n" },
    run: listVersions,
    code: "E_VERSION_YAML",
    message: "Malformed YAML in version.yaml",
    facts: {
      line: 3,
      column: 1,
      got: "Flow sequence in block collection must be sufficiently indented and end with a ]",
    },
  },
  {
    name: "version.yaml without parent",
    tree: {
      "versions/v1/version.yaml":
        "slug: v1\nkind: generic-service\nstatus: staging\ncreated_at: '2026-02-22T20:01:59Z'\n",
    },
    run: listVersions,
    code: "E_VERSION_FIELD",
    message: "Missing field `parent` in version.yaml",
    facts: { line: 1, column: 1, field: "parent", got: "(missing)" },
  },
  {
    name: "created_at not a timestamp",
    tree: {
      "versions/v1/version.yaml":
        "slug: v1\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: yesterday\n",
    },
    run: listVersions,
    code: "E_VERSION_FIELD",
    message: "Field `created_at` of version.yaml is not an ISO 8601 timestamp",
    facts: { line: 5, column: 13, got: '"yesterday"' },
  },
  {
    name: "slug not matching its folder",
    tree: { "versions/v1/version.yaml": versionYaml("v2", "staging") },
    run: listVersions,
    code: "E_VERSION_SLUG_MISMATCH",
    message: 'version.yaml names slug "v2" but its folder is "v1"',
  },
  {
    name: "unknown kind",
    tree: { "versions/v1/version.yaml": versionYaml("v1", "staging").replace("generic-service", "lambda") },
    run: listVersions,
    code: "E_VERSION_KIND",
    message: 'Unknown version kind "lambda"',
    facts: { line: 2, expected: "generic-service" },
  },
  {
    name: "version folder without version.yaml",
    tree: { "versions/half/snapshot/a.txt": "a" },
    run: listVersions,
    code: "E_VERSION_INCOMPLETE",
    message: 'Version folder "half" has no version.yaml',
  },
  {
    name: "two baselines (list)",
    tree: twoBaselines,
    run: listVersions,
    code: "E_TWO_BASELINES",
    message: "Multiple baseline versions found: b1, b2",
  },
  {
    name: "two baselines (mark)",
    tree: twoBaselines,
    run: (ws) => markVersion(ws, "s", "candidate"),
    code: "E_TWO_BASELINES",
    message: "Multiple baseline versions found: b1, b2",
  },
  {
    name: "two baselines (create)",
    tree: twoBaselines,
    run: create("n", "baseline"),
    code: "E_TWO_BASELINES",
    message: "Multiple baseline versions found: b1, b2",
  },
  {
    name: "mark with an unknown status",
    tree: versionTree("v1", "staging"),
    run: (ws) => markVersion(ws, "v1", "approved"),
    code: "E_VERSION_STATUS",
    message: 'Unknown status "approved"',
    facts: { expected: "one of: staging, candidate, baseline, rejected, archived-baseline" },
  },
  {
    name: "mark baseline",
    tree: versionTree("v1", "candidate"),
    run: (ws) => markVersion(ws, "v1", "baseline"),
    code: "E_STATUS_TRANSITION",
    message: 'Cannot mark "v1" baseline: only promotion makes a baseline',
  },
  {
    name: "mark the baseline rejected",
    tree: versionTree("v1", "baseline"),
    run: (ws) => markVersion(ws, "v1", "rejected"),
    code: "E_STATUS_TRANSITION",
    message: 'Cannot mark "v1" rejected: a baseline version keeps its status',
  },
  {
    name: "mark archived-baseline (an, not a)",
    tree: versionTree("v1", "candidate"),
    run: (ws) => markVersion(ws, "v1", "archived-baseline"),
    code: "E_STATUS_TRANSITION",
    message: 'Cannot mark "v1" archived-baseline: only promotion makes an archived-baseline',
  },
  {
    name: "mark an archived baseline",
    tree: versionTree("v1", "archived-baseline"),
    run: (ws) => markVersion(ws, "v1", "candidate"),
    code: "E_STATUS_TRANSITION",
    message: 'Cannot mark "v1" candidate: an archived-baseline version keeps its status',
  },
  {
    name: "mark an absent version",
    tree: versionTree("v1", "staging"),
    run: (ws) => markVersion(ws, "v9", "candidate"),
    code: "E_VERSION_NOT_FOUND",
    message: 'Version "v9" not found',
  },
  {
    name: "set-baseline with a baseline",
    tree: { ...versionTree("b", "baseline"), ...versionTree("c", "staging") },
    run: (ws) => setFirstBaseline(ws, "c", NOW),
    code: "E_BASELINE_EXISTS",
    message: "A baseline already exists: b",
  },
  {
    name: "promote a staging version",
    tree: { ...versionTree("b", "baseline"), ...versionTree("c", "staging") },
    run: (ws) => applyPromotion(ws, { candidate: "c", campaignId: "c1", now: NOW, forced: false }),
    code: "E_STATUS_TRANSITION",
    message: 'Cannot promote "c": it is staging, not candidate',
  },
  {
    name: "promote without a baseline",
    tree: versionTree("c", "candidate"),
    run: (ws) => applyPromotion(ws, { candidate: "c", campaignId: "c1", now: NOW, forced: false }),
    code: "E_NO_BASELINE",
    message: "No baseline version found",
  },
  {
    name: "malformed benchmark YAML",
    tree: bench("platform_modes: [jvm, native\nrequests: {}\n"),
    run: loadBench,
    code: "E_BENCHMARK_YAML",
    message: "Malformed YAML in benchmark.yaml",
    facts: { line: 2, column: 1 },
  },
  {
    name: "duplicate key in the benchmark",
    tree: bench(BENCH + "runs: 3\nruns: 4\n"),
    run: loadBench,
    code: "E_BENCHMARK_YAML",
    message: "Malformed YAML in benchmark.yaml",
    facts: { line: 6, column: 1, got: "Map keys must be unique" },
  },
  {
    name: "wrong type in the benchmark",
    tree: bench(BENCH + "runs: ten\n"),
    run: loadBench,
    code: "E_BENCHMARK_SCHEMA",
    message: "In benchmark.yaml: invalid value for `runs`",
    facts: {
      line: 5,
      column: 7,
      field: "runs",
      expected: "a whole number from 1 to 1000, or a mapping with min, max",
      got: '"ten"',
    },
  },
  {
    name: "benchmark without a required mode",
    tree: bench(BENCH.replace("[jvm, native]", "[jvm]")),
    run: loadBench,
    code: "E_BENCHMARK_MODES",
    message: "In benchmark.yaml: platform_modes lacks the required mode(s) native",
    facts: {
      line: 1,
      column: 17,
      field: "platform_modes",
      expected: "a list containing every required mode: jvm, native",
      got: '["jvm"]',
    },
  },
  {
    name: "unknown top-level benchmark field",
    tree: bench(BENCH + "warmup: 3\n"),
    run: loadBench,
    code: "E_BENCHMARK_UNKNOWN_FIELD",
    message: "Unknown field `warmup` in benchmark.yaml",
    facts: {
      line: 5,
      column: 1,
      field: "warmup",
      expected:
        "one of: function_profile, functions, platform_modes, runs, load, k6, requests, metrics, scrape, thresholds, extra",
      got: '"warmup"',
    },
  },
  {
    name: "unknown nested benchmark field",
    tree: bench(BENCH + "load:\n  driver: autocannon\n  drivr: k6\n"),
    run: loadBench,
    code: "E_BENCHMARK_UNKNOWN_FIELD",
    message: "Unknown field `load.drivr` in benchmark.yaml",
    facts: {
      line: 7,
      column: 3,
      field: "load.drivr",
      expected: "one of: driver, mode, warmup_s, duration_s, windows, connections, rate, timeout_s, k6",
    },
  },
  {
    name: "corpus outside the benchmark folder",
    tree: { ...bench(BENCH + "    corpus: ../versions/secret.jsonl\n"), "versions/secret.jsonl": "{}" },
    run: loadBench,
    code: "E_BENCHMARK_FILE",
    message:
      "In benchmark.yaml: `requests.word-stats.corpus` names a file that cannot be used (outside the benchmark folder)",
    facts: { line: 5, column: 13, field: "requests.word-stats.corpus", got: '"../versions/secret.jsonl"' },
  },
  {
    name: "missing corpus file",
    tree: bench(BENCH + "    corpus: corpus/none.jsonl\n"),
    run: loadBench,
    code: "E_BENCHMARK_FILE",
    message:
      "In benchmark.yaml: `requests.word-stats.corpus` names a file that cannot be used (no such file)",
  },
  {
    name: "subset without functions",
    tree: bench("function_profile: subset\n" + BENCH),
    run: loadBench,
    code: "E_BENCHMARK_SCHEMA",
    message: "In benchmark.yaml: missing field `functions`",
    facts: {
      line: 1,
      column: 1,
      field: "functions",
      expected: "field `functions` to be present (function_profile is subset)",
    },
  },
  {
    name: "function not under requests",
    tree: bench("function_profile: subset\nfunctions: [word-stats, json-transform]\n" + BENCH),
    run: loadBench,
    code: "E_BENCHMARK_REFERENCE",
    message: "In benchmark.yaml: functions names `json-transform`, which is not under requests",
    facts: { line: 2, column: 25, field: "functions[1]", expected: "one of: word-stats" },
  },
  {
    name: "unknown load driver",
    tree: bench(BENCH + "load: { driver: wrk }\n"),
    run: loadBench,
    code: "E_BENCHMARK_SCHEMA",
    message: "In benchmark.yaml: invalid value for `load.driver`",
    facts: { line: 5, column: 17, field: "load.driver", expected: "one of: autocannon, k6", got: '"wrk"' },
  },
  {
    name: "no benchmark file",
    run: loadBench,
    code: "E_BENCHMARK_MISSING",
    message: "No benchmark file found",
  },
  {
    name: "workspace folder missing",
    run: (_ws, root) => open(join(root, "nope")),
    code: "E_WORKSPACE_NOT_FOUND",
    message: "Workspace folder not found",
  },
  {
    name: "folder that is not a workspace",
    run: (_ws, root) => open(join(root, "versions/plain")),
    tree: { "versions/plain/x.txt": "x" },
    code: "E_NOT_A_WORKSPACE",
    message: "Not a staging workspace: no versions/ or benchmark/ folder",
  },
];

describe("bad inputs: exact error, exit code 2, nothing changed on disk", () => {
  it("has at least 30 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, bad) => {
    const root = useTmpDir({ versions: null, ...bad.tree });
    bad.setup?.(root);
    const ws = await open(root);
    const before = await treeState(root);
    const error = await stagingErrorOf(() => bad.run(ws, root));
    expect(error.code).toBe(bad.code);
    expect(error.exitCode).toBe(2);
    if (typeof bad.message === "string") expect(error.message).toBe(bad.message);
    else expect(error.message).toMatch(bad.message);
    if (bad.facts) expect(error.facts).toMatchObject(bad.facts);
    expect(await treeState(root)).toEqual(before);
  });
});
