import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isStagingError, type StagingError } from "../../../../src/errors/index.js";
import { loadBenchmark } from "../../../../src/staging/benchmark/index.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const MODES = ["jvm", "native"];

/**
 * The prototype's own test benchmark (COMPAT.md), as its test wrote it:
 * `yaml.safe_dump({"function_profile": "all", "platform_modes": ["jvm", "native"], "k6": {"stages": "20s:20,20s:0"}}, sort_keys=False)`.
 */
const PROTOTYPE_TEST_BENCHMARK =
  "function_profile: all\nplatform_modes:\n- jvm\n- native\nk6:\n  stages: 20s:20,20s:0\n";

function benchmarkFile(text: string, files: Record<string, string> = {}): string {
  const tree: Record<string, string> = { "benchmark/benchmark.yaml": text };
  for (const [path, content] of Object.entries(files)) tree[`benchmark/${path}`] = content;
  return join(useTmpDir(tree), "benchmark/benchmark.yaml");
}

async function errorOf(text: string): Promise<StagingError> {
  try {
    await loadBenchmark(benchmarkFile(text), { requiredModes: MODES });
  } catch (error) {
    if (isStagingError(error)) return error;
    throw error;
  }
  throw new Error("expected a StagingError");
}

describe("the prototype's benchmark format", () => {
  it("loads the prototype's own test benchmark as it is, onto the k6 driver", async () => {
    const { benchmark } = await loadBenchmark(benchmarkFile(PROTOTYPE_TEST_BENCHMARK), {
      requiredModes: MODES,
    });
    expect(benchmark.function_profile).toBe("all");
    expect(benchmark.platform_modes).toEqual(["jvm", "native"]);
    expect(benchmark.load).toEqual({
      driver: "k6",
      mode: "alternate",
      windows: 1,
      warmup_s: 3,
      duration_s: 10,
      connections: 8,
      timeout_s: 10,
      k6: {
        stages: [
          { duration: "20s", target: 20 },
          { duration: "20s", target: 0 },
        ],
      },
    });
    expect(benchmark.requests).toEqual({});
    expect(benchmark).not.toHaveProperty("k6");
  });

  it("pins the same hash as staging's own spelling of that load", async () => {
    const script = { "k6/cp.js": "export default function () {}\n" };
    const prototype = await loadBenchmark(
      benchmarkFile(PROTOTYPE_TEST_BENCHMARK.replace("k6:\n", "k6:\n  script: k6/cp.js\n"), script),
      { requiredModes: MODES },
    );
    const ours = await loadBenchmark(
      benchmarkFile(
        "platform_modes: [jvm, native]\nload:\n  driver: k6\n  k6:\n    script: k6/cp.js\n    stages:\n      - { duration: 20s, target: 20 }\n      - { duration: 20s, target: 0 }\n",
        script,
      ),
      { requiredModes: MODES },
    );
    expect(prototype.hash).toBe(ours.hash);
  });

  it("takes the block's script, pinned like load.k6.script, and functions as names for the script", async () => {
    const text =
      "function_profile: subset\nfunctions: [word-stats]\nplatform_modes: [jvm, native]\nk6: { script: k6/cp.js, stages: ' 10s:5, 90s:50 ,5s:0' }\n";
    const { benchmark, files } = await loadBenchmark(
      benchmarkFile(text, { "k6/cp.js": "export default function () {}\n" }),
      {
        requiredModes: MODES,
      },
    );
    expect(benchmark.functions).toEqual(["word-stats"]);
    expect(benchmark.load.k6).toEqual({
      script: "k6/cp.js",
      stages: [
        { duration: "10s", target: 5 },
        { duration: "90s", target: 50 },
        { duration: "5s", target: 0 },
      ],
    });
    expect(Object.keys(files)).toEqual(["k6/cp.js"]);
  });

  it("names the block's own field when its script is missing", async () => {
    const error = await errorOf("platform_modes: [jvm, native]\nk6:\n  script: k6/none.js\n");
    expect(error.code).toBe("E_BENCHMARK_FILE");
    expect(error.facts).toMatchObject({ line: 3, column: 11, field: "k6.script" });
  });

  it("refuses stages text that is not duration:target pairs", async () => {
    const error = await errorOf("platform_modes: [jvm, native]\nk6: { stages: '20s-20' }\n");
    expect(error.facts).toMatchObject({
      field: "k6.stages",
      expected: "k6 stages as duration:target pairs, e.g. 20s:20,20s:0 (or a list of { duration, target })",
      got: '"20s-20"',
    });
  });

  it("refuses the top-level block beside a load that says otherwise", async () => {
    const error = await errorOf(
      "platform_modes: [jvm, native]\nload: { driver: autocannon, k6: { script: a.js } }\nk6: { stages: '1s:1' }\nrequests: { a: { path: /a } }\n",
    );
    expect(error.message).toBe("benchmark.yaml has 2 problems");
    expect(error.facts["problem 1"]).toMatch(
      /^line 2, column 17, load\.driver: the top-level `k6` block makes the load k6/,
    );
    expect(error.facts["problem 2"]).toMatch(
      /^line 3, column 1, k6: both the prototype's top-level `k6` and `load\.k6` are given/,
    );
  });
});

describe("benchmark errors: every problem of the file, in file order", () => {
  it("does not hide a platform_modes problem behind the missing requests", async () => {
    const error = await errorOf("platform_modes: [jvm]\n");
    expect(error.code).toBe("E_BENCHMARK_MODES");
    expect(error.exitCode).toBe(2);
    expect(error.format().replace(/(file: +).*\n/, "$1<file>\n")).toMatchInlineSnapshot(`
      "error: benchmark.yaml has 2 problems
        file:      <file>
        problem 1: line 1, column 17, platform_modes: platform_modes lacks the required mode(s) native
                   expected: a list containing every required mode: jvm, native; got: ["jvm"]
        problem 2: line 1, column 1, requests: missing field \`requests\`
                   expected: field \`requests\` to be present (unless a k6 script drives the load); got: (missing)
      hint: fix each of them (see docs/benchmark.md); nothing was written"
    `);
  });

  it("lists schema and cross-field problems together, by position in the file", async () => {
    const text = [
      "platform_modes: [jvm, native]",
      "runs: zero",
      "requests:",
      "  a: { path: nowhere }",
      "scrape:",
      "  modes:",
      "    bun: {}",
      "warmup: 3",
      "",
    ].join("\n");
    const error = await errorOf(text);
    const problems = Object.entries(error.facts)
      .filter(([key]) => key.startsWith("problem"))
      .map(([, value]) => String(value).split(":")[0]);
    expect(problems).toEqual([
      "line 2, column 7, runs",
      "line 4, column 14, requests.a.path",
      "line 7, column 5, scrape.modes.bun",
      "line 8, column 1, warmup",
    ]);
    expect(error.code).toBe("E_BENCHMARK_SCHEMA");
  });

  it("keeps a single problem's own error: file, line, column, field, expected, got", async () => {
    const error = await errorOf("platform_modes: [jvm, native]\nruns: 0\nk6: {}\n");
    expect(error.message).toBe("In benchmark.yaml: invalid value for `runs`");
    expect(error.facts).toMatchObject({
      line: 2,
      column: 7,
      field: "runs",
      expected: "a whole number from 1 to 1000, or a mapping with min, max",
      got: "0",
    });
  });
});
