import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One bad input given to the built CLI, and what its refusal must name. */
export interface BadInput {
  name: string;
  args: string[];
  /** Makes the workspace bad before the run (the tree is hashed after this). */
  setup?: (ws: string) => void;
  /** Runs the CLI as an unprivileged user: as root, EACCES cannot happen. */
  unprivileged?: boolean;
  /** @default 2 */
  code?: number;
  /** What stderr must contain: the path (relative to the workspace) or the field, and the flag. */
  names: string[];
}

const SHA = "0".repeat(64);
const edit = (rel: string, change: (text: string) => string) => (ws: string) =>
  writeFileSync(join(ws, rel), change(readFileSync(join(ws, rel), "utf8")));
const bench = (from: string | RegExp, to: string) =>
  edit("benchmark/benchmark.yaml", (text) => {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`the demo benchmark has no ${String(from)}`);
    return next;
  });
const addToBench = (yaml: string) =>
  edit("benchmark/benchmark.yaml", (text) => text.replace("scrape:", `${yaml}scrape:`));
const corpus = (content: string) => (ws: string) =>
  writeFileSync(join(ws, "benchmark/corpus/word-stats.jsonl"), content);
const versionYaml = (slug: string, change: (text: string) => string) =>
  edit(`versions/${slug}/version.yaml`, change);
const replaceByFolder = (rel: string) => (ws: string) => {
  rmSync(join(ws, rel), { recursive: true });
  mkdirSync(join(ws, rel));
};

/** Numbers outside their documented ranges, refused while the command line is parsed. */
const OPTIONS: BadInput[] = [
  ...["1000000000", "99999999999999999999", "1001", "0", "-1", "1e9", "abc", "", "2.5"].map((runs) => ({
    name: `run-campaign --runs ${JSON.stringify(runs)}`,
    args: ["run-campaign", "candidate", "--runs", runs],
    names: ["--runs", "from 1 to 1,000"],
  })),
  { name: "report --runs 5000", args: ["report", "candidate", "--runs", "5000"], names: ["--runs"] },
  ...["1000000000", "-3", "x"].map((seed) => ({
    name: `run-campaign --seed ${seed}`,
    args: ["run-campaign", "candidate", "--seed", seed],
    names: ["--seed"],
  })),
  ...["0", "65", "1.5"].map((n) => ({
    name: `make --concurrency ${n}`,
    args: ["make", "images:candidate", "--concurrency", n],
    names: ["--concurrency", "from 1 to 64"],
  })),
  { name: "report --format xml", args: ["report", "candidate", "--format", "xml"], names: ["--format"] },
];

/** Slugs, selectors and statuses, refused before anything is read or locked. */
const NAMES: BadInput[] = [
  ...["../x", "$(id)", "Upper", "a b", ""].map((slug) => ({
    name: `down ${JSON.stringify(slug)}`,
    args: ["down", slug],
    names: ["selector", JSON.stringify(slug)],
  })),
  { name: "down -lead", args: ["down", "-lead"], names: ["-lead"] },
  { name: "down candidate:wasm", args: ["down", "candidate:wasm"], names: ["selector", "node"] },
  { name: "down :node", args: ["down", ":node"], names: ["selector"] },
  ...["../etc", "a/b", "x".repeat(64)].map((slug) => ({
    name: `create-version ${slug.slice(0, 10)}`,
    args: ["create-version", slug, "--from", "none"],
    names: ["slug"],
  })),
  {
    name: "create-version baseline (reserved)",
    args: ["create-version", "baseline", "--from", "none"],
    names: ["reserved"],
  },
  {
    name: "create-version of an existing slug",
    setup: (ws) => {
      cpSync(join(ws, "versions/candidate"), join(ws, "versions/exp1"), { recursive: true });
      versionYaml("exp1", (t) =>
        t.replace("slug: candidate", "slug: exp1").replace(/status: \w+/, "status: staging"),
      )(ws);
    },
    args: ["create-version", "exp1", "--from", "none"],
    names: ["versions/exp1"],
  },
  {
    name: "create-version --from a ghost",
    args: ["create-version", "n1", "--from", "version:ghost"],
    names: ["ghost"],
  },
  {
    name: "create-version --from ../x",
    args: ["create-version", "n1", "--from", "version:../x"],
    names: ["from"],
  },
  { name: "create-version without --from", args: ["create-version", "n1"], names: ["--from"] },
  {
    name: "create-version --from bogus",
    args: ["create-version", "n1", "--from", "bogus"],
    names: ["--from"],
  },
  {
    name: "mark with an unknown status",
    args: ["mark", "candidate", "approved"],
    names: ["approved", "status"],
  },
  { name: "mark a ghost", args: ["mark", "ghost", "candidate"], names: ["ghost", "versions"] },
  { name: "mark the baseline rejected", args: ["mark", "baseline", "rejected"], names: ["baseline"] },
  { name: "mark ../x", args: ["mark", "../x", "candidate"], names: ["slug"] },
  { name: "build-images ../x", args: ["build-images", "../x"], names: ["slug"] },
  { name: "measure ../x", args: ["measure", "../x"], names: ["slug"] },
  { name: "run-campaign ../x", args: ["run-campaign", "../x"], names: ["candidate"] },
  { name: "set-baseline with one in place", args: ["set-baseline", "candidate"], names: ["baseline"] },
];

/** Version folders that are not what they must be: refused by every command that lists versions. */
const VERSIONS: BadInput[] = [
  {
    name: "version.yaml is a folder (EISDIR)",
    setup: replaceByFolder("versions/candidate/version.yaml"),
    args: ["versions"],
    names: ["versions/candidate/version.yaml", "EISDIR"],
  },
  {
    name: "version.yaml unreadable (EACCES)",
    setup: (ws) => chmodSync(join(ws, "versions/candidate/version.yaml"), 0),
    unprivileged: true,
    args: ["versions"],
    names: ["versions/candidate/version.yaml", "EACCES"],
  },
  {
    name: "snapshot unreadable (EACCES)",
    setup: (ws) => chmodSync(join(ws, "versions/candidate/snapshot"), 0),
    unprivileged: true,
    args: ["versions"],
    names: ["versions/candidate/snapshot", "EACCES"],
  },
  {
    name: "versions/ unreadable (EACCES)",
    setup: (ws) => chmodSync(join(ws, "versions"), 0o311),
    unprivileged: true,
    args: ["versions"],
    names: ["versions", "EACCES"],
  },
  {
    name: "version.yaml missing",
    setup: (ws) => rmSync(join(ws, "versions/candidate/version.yaml")),
    args: ["versions"],
    names: ["versions/candidate/version.yaml"],
  },
  {
    name: "a version without snapshot/",
    setup: (ws) => rmSync(join(ws, "versions/candidate/snapshot"), { recursive: true }),
    args: ["make", "images:candidate"],
    names: ["versions/candidate/snapshot", "field:", "snapshot"],
  },
  {
    name: "a snapshot that is a file",
    setup: (ws) => (
      rmSync(join(ws, "versions/candidate/snapshot"), { recursive: true }),
      writeFileSync(join(ws, "versions/candidate/snapshot"), "")
    ),
    args: ["versions"],
    names: ["versions/candidate/snapshot"],
  },
  {
    name: "a snapshot that is a symlink loop (ELOOP)",
    setup: (ws) => (
      rmSync(join(ws, "versions/candidate/snapshot"), { recursive: true }),
      symlinkSync("snapshot", join(ws, "versions/candidate/snapshot"))
    ),
    args: ["build-images", "candidate"],
    names: ["versions/candidate/snapshot", "ELOOP"],
  },
  {
    name: "a snapshot linked to a loop two steps long",
    setup: (ws) => (
      rmSync(join(ws, "versions/candidate/snapshot"), { recursive: true }),
      symlinkSync("other", join(ws, "versions/candidate/snapshot")),
      symlinkSync("snapshot", join(ws, "versions/candidate/other"))
    ),
    args: ["measure", "candidate"],
    names: ["versions/candidate/snapshot", "ELOOP"],
  },
  {
    name: "malformed version.yaml",
    setup: versionYaml("candidate", (t) => t.replace("status:", "status: [")),
    args: ["versions"],
    names: ["versions/candidate/version.yaml", "line"],
  },
  {
    name: "unknown status in version.yaml",
    setup: versionYaml("candidate", (t) => t.replace(/status: \w+/, "status: promoted")),
    args: ["versions"],
    names: ["versions/candidate/version.yaml", "status"],
  },
  {
    name: "slug not matching its folder",
    setup: versionYaml("candidate", (t) => t.replace("slug: candidate", "slug: other")),
    args: ["versions"],
    names: ["versions/candidate/version.yaml", "slug"],
  },
  {
    name: "version.yaml without parent",
    setup: versionYaml("candidate", (t) => t.replace(/parent: .*\n/, "")),
    args: ["versions"],
    names: ["versions/candidate/version.yaml", "parent"],
  },
  {
    name: "created_at not a timestamp",
    setup: versionYaml("candidate", (t) => t.replace(/created_at: .*\n/, "created_at: yesterday\n")),
    args: ["versions"],
    names: ["created_at"],
  },
  {
    name: "two baselines",
    setup: versionYaml("candidate", (t) => t.replace(/status: \w+/, "status: baseline")),
    args: ["mark", "candidate", "rejected"],
    names: ["versions/candidate/version.yaml", "status"],
  },
  {
    name: "versions is a file",
    setup: (ws) => (
      rmSync(join(ws, "versions"), { recursive: true }),
      writeFileSync(join(ws, "versions"), "")
    ),
    args: ["versions"],
    names: ["versions"],
  },
];

/** Benchmark numbers outside their documented ranges, and other benchmark edges of the schema. */
const BENCHMARK: BadInput[] = [
  ...(
    [
      ["runs: 1000000000", /runs: \d+/, "runs: 1000000000", "runs"],
      ["runs: 0", /runs: \d+/, "runs: 0", "runs"],
      ["duration_s: 0", /duration_s: [\d.]+/, "duration_s: 0", "load.duration_s"],
      ["duration_s: 100000", /duration_s: [\d.]+/, "duration_s: 100000", "load.duration_s"],
      ["warmup_s: -1", /warmup_s: [\d.]+/, "warmup_s: -1", "load.warmup_s"],
      ["connections: 0", /connections: \d+/, "connections: 0", "load.connections"],
      ["connections: 100000", /connections: \d+/, "connections: 100000", "load.connections"],
      ["interval_ms: 1", /interval_ms: \d+/, "interval_ms: 1", "scrape.interval_ms"],
    ] as const
  ).map(([name, from, to, field]) => ({
    name: `benchmark ${name}`,
    setup: bench(from, to),
    args: ["measure", "candidate"],
    names: ["benchmark/benchmark.yaml", field],
  })),
  {
    name: "benchmark timeout_s: 0",
    setup: bench("connections: 2", "connections: 2, timeout_s: 0"),
    args: ["measure", "candidate"],
    names: ["load.timeout_s"],
  },
  {
    name: "benchmark rate: 0",
    setup: bench("connections: 2", "connections: 2, rate: 0"),
    args: ["measure", "candidate"],
    names: ["load.rate"],
  },
  {
    name: "benchmark noise_band: 5 (500%)",
    setup: addToBench("metrics:\n  p95: { direction: lower, noise_band: 5 }\n"),
    args: ["measure", "candidate"],
    names: ["metrics.p95.noise_band", "<= 1"],
  },
  {
    name: "benchmark noise_band: -0.1",
    setup: addToBench("metrics:\n  p99: { direction: lower, noise_band: -0.1 }\n"),
    args: ["measure", "candidate"],
    names: ["metrics.p99.noise_band"],
  },
  {
    name: "benchmark max_fail_rate: 2",
    setup: addToBench("thresholds: { max_fail_rate: 2 }\n"),
    args: ["measure", "candidate"],
    names: ["thresholds.max_fail_rate"],
  },
  {
    name: "benchmark response_sample: -1",
    setup: addToBench("thresholds: { response_sample: -1 }\n"),
    args: ["measure", "candidate"],
    names: ["thresholds.response_sample"],
  },
  {
    name: "benchmark weight: 0",
    setup: bench(
      "path: /functions/json-transform/invoke",
      "path: /functions/json-transform/invoke, weight: 0",
    ),
    args: ["measure", "candidate"],
    names: ["requests.json-transform.weight"],
  },
  {
    name: "benchmark unknown field",
    setup: addToBench("warmup: 3\n"),
    args: ["measure", "candidate"],
    names: ["warmup"],
  },
  {
    name: "benchmark malformed YAML",
    setup: bench("platform_modes: [", "platform_modes: [["),
    args: ["measure", "candidate"],
    names: ["benchmark/benchmark.yaml", "line"],
  },
  {
    name: "benchmark.yaml missing",
    setup: (ws) => rmSync(join(ws, "benchmark/benchmark.yaml")),
    args: ["measure", "candidate"],
    names: ["benchmark/benchmark.yaml"],
  },
  {
    name: "benchmark.yaml is a folder",
    setup: replaceByFolder("benchmark/benchmark.yaml"),
    args: ["measure", "candidate"],
    names: ["benchmark/benchmark.yaml", "EISDIR"],
  },
];

/** Corpora that are not one request per line: found before anything is built. */
const CORPUS: BadInput[] = [
  {
    name: "an empty corpus",
    setup: corpus(""),
    args: ["measure", "candidate"],
    names: ["corpus/word-stats.jsonl", "line:", "no line"],
  },
  {
    name: "a corpus line that is not JSON",
    setup: corpus(`{"body": "a", "response_sha256": "${SHA}"}\nnot json\n`),
    args: ["measure", "candidate"],
    names: ["corpus/word-stats.jsonl", "line:     2"],
  },
  {
    name: "a corpus line without response_sha256",
    setup: corpus('{"body": "a"}\n'),
    args: ["measure", "candidate"],
    names: ["corpus/word-stats.jsonl", "response_sha256"],
  },
  {
    name: "a corpus line whose body is not text",
    setup: corpus(`{"body": 1, "response_sha256": "${SHA}"}\n`),
    args: ["measure", "candidate"],
    names: ["corpus/word-stats.jsonl", "body"],
  },
  {
    name: "a corpus that is a folder",
    setup: replaceByFolder("benchmark/corpus/word-stats.jsonl"),
    args: ["measure", "candidate"],
    names: ["requests.word-stats.corpus"],
  },
  {
    name: "a corpus that is missing",
    setup: (ws) => rmSync(join(ws, "benchmark/corpus/word-stats.jsonl")),
    args: ["measure", "candidate"],
    names: ["requests.word-stats.corpus"],
  },
  {
    name: "a corpus unreadable (EACCES)",
    setup: (ws) => chmodSync(join(ws, "benchmark/corpus/word-stats.jsonl"), 0),
    unprivileged: true,
    args: ["measure", "candidate"],
    names: ["corpus/word-stats.jsonl", "EACCES"],
  },
];

/** The command line and the workspace as a whole. */
const GLOBAL: BadInput[] = [
  { name: "--workspace that does not exist", args: ["--workspace", "nope", "versions"], names: ["nope"] },
  {
    name: "--workspace that is a file",
    setup: (ws) => writeFileSync(join(ws, "plain"), ""),
    args: ["--workspace", "plain", "versions"],
    names: ["plain"],
  },
  { name: "an unknown command", args: ["frobnicate"], names: ["frobnicate"] },
  { name: "an unknown option", args: ["versions", "--colour"], names: ["--colour"] },
  { name: "make without a target", args: ["make"], names: ["target"] },
  { name: "make of an unknown node", args: ["make", "image:ghost:node"], names: ["image:ghost:node"] },
  {
    name: ".staging is a file",
    setup: (ws) => (
      rmSync(join(ws, ".staging"), { recursive: true }),
      writeFileSync(join(ws, ".staging"), "")
    ),
    args: ["mark", "candidate", "candidate"],
    names: [".staging"],
  },
];

/** Campaign commands with nothing to work on, or asked for what cannot be: refused, nothing written. */
const CAMPAIGNS: BadInput[] = [
  { name: "report with no campaign", args: ["report", "candidate"], names: ["No campaign of candidate"] },
  { name: "promote with no campaign", args: ["promote", "candidate"], names: ["No campaign of candidate"] },
  {
    name: "report --campaign-id of no campaign",
    args: ["report", "candidate", "--campaign-id", "typo"],
    names: ["typo"],
  },
  {
    name: "run-campaign --campaign-id ../../x",
    args: ["run-campaign", "candidate", "--campaign-id", "../../x"],
    names: ["--campaign-id"],
  },
  {
    name: "run-campaign --max-runs 2000",
    args: ["run-campaign", "candidate", "--until-decided", "--max-runs", "2000"],
    names: ["--max-runs"],
  },
  {
    name: "run-campaign of the baseline itself",
    args: ["run-campaign", "baseline"],
    names: ["baseline itself"],
  },
  { name: "make campaign: of no version", args: ["make", "campaign:ghost"], names: ["ghost"] },
  { name: "explain of no node", args: ["explain", "round:nope:node:1"], names: ["round:nope:node:1"] },
];

export const CASES: BadInput[] = [
  ...OPTIONS,
  ...NAMES,
  ...VERSIONS,
  ...BENCHMARK,
  ...CORPUS,
  ...GLOBAL,
  ...CAMPAIGNS,
];
