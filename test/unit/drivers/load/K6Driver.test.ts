import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { K6Driver, type LoadInput } from "../../../../src/drivers/load/index.js";
import type { CommandResult, RunOptions, Target, TargetIdentity } from "../../../../src/targets/Target.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { ownK6Fixture } from "./k6Fixtures.js";

type Reply = CommandResult | Error;

/** A target that records commands, answers them from a script, and serves files from a map. */
class FakeTarget implements Target {
  readonly name = "fake";
  readonly kind = "local" as const;
  readonly calls: { argv: string[]; options: RunOptions | undefined }[] = [];
  constructor(
    private readonly reply: (argv: readonly string[]) => Reply,
    readonly files: Record<string, string> = {},
  ) {}
  run(argv: readonly string[], options?: RunOptions): Promise<CommandResult> {
    this.calls.push({ argv: [...argv], options });
    const r = this.reply(argv);
    return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
  }
  readFile(path: string): Promise<string> {
    const text = this.files[path];
    return text === undefined ? Promise.reject(new Error(`ENOENT: ${path}`)) : Promise.resolve(text);
  }
  uploadTree(): Promise<void> {
    return Promise.resolve();
  }
  writeFile(path: string, content: string): Promise<void> {
    this.files[path] = content;
    return Promise.resolve();
  }
  identity(): Promise<TargetIdentity> {
    return Promise.resolve({ kind: "local", id: "fake", os: "linux", arch: "x64", tools: {} });
  }
  home(): Promise<string> {
    return Promise.resolve("/home/fake");
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const OK_SUMMARY = JSON.stringify({
  metrics: {
    http_req_duration: { avg: 2.5, min: 1, med: 2.25, max: 9.5, "p(90)": 4, "p(95)": 5.125, "p(99)": 8.0005 },
    http_req_failed: { passes: 0, fails: 500, value: 0 },
    http_reqs: { count: 500, rate: 50 },
  },
});

function input(overrides: Partial<LoadInput> = {}): LoadInput {
  return {
    url: "http://127.0.0.1:30080",
    load: {
      warmup_s: 3,
      duration_s: 10,
      connections: 8,
      timeout_s: 10,
      k6: { script: "/bench/k6/word-stats.js" },
    },
    requests: [
      {
        name: "word-stats",
        method: "POST",
        path: "/fn",
        weight: 1,
        contentType: "application/json",
        bodies: [],
      },
    ],
    responseSample: 50,
    workDir: useTmpDir(),
    seed: 11,
    ...overrides,
  };
}

const ok = (stdout = ""): CommandResult => ({ exitCode: 0, stdout, stderr: "" });

describe("K6Driver", () => {
  it("runs a discarded warm-up, then the measured run with --summary-export, and parses the summary", async () => {
    const run = input();
    const summary = join(run.workDir, "summary.json");
    const target = new FakeTarget(() => ok(), { [summary]: OK_SUMMARY });
    const result = await new K6Driver({ target }).run(run);

    expect(target.calls.map((c) => c.argv)).toEqual([
      [
        "k6",
        "run",
        "--quiet",
        "--no-thresholds",
        "--vus",
        "8",
        "--duration",
        "3000ms",
        "-e",
        "BASE_URL=http://127.0.0.1:30080",
        "-e",
        "FUNCTION=word-stats",
        "-e",
        "PHASE=warmup",
        "-e",
        "DURATION_S=3",
        "-e",
        "CONNECTIONS=8",
        "-e",
        "TIMEOUT_S=10",
        "-e",
        "SEED=11",
        "/bench/k6/word-stats.js",
      ],
      [
        "k6",
        "run",
        `--summary-export=${summary}`,
        "--summary-trend-stats=avg,min,med,max,p(90),p(95),p(99)",
        "-e",
        "BASE_URL=http://127.0.0.1:30080",
        "-e",
        "FUNCTION=word-stats",
        "-e",
        "PHASE=measure",
        "-e",
        "DURATION_S=10",
        "-e",
        "CONNECTIONS=8",
        "-e",
        "TIMEOUT_S=10",
        "-e",
        "SEED=11",
        "/bench/k6/word-stats.js",
      ],
    ]);
    expect(target.calls[1]?.options?.logFile).toBe(join(run.workDir, "k6.log"));
    expect(result).toMatchObject({
      driver: "k6",
      latencyUs: { p50: 2250, p90: 4000, p95: 5125, p99: 8000.5, max: 9500, mean: 2500, count: 500 },
      requests: { completed: 500, failed: 0, notSent: 0 },
      throughput: 50,
      windowS: 10,
      failRate: 0,
      histogram: null,
      invalidReasons: [],
    });
  });

  it("passes stages and the rate, and skips the warm-up when warmup_s is 0", async () => {
    const run = input();
    run.load = {
      ...run.load,
      warmup_s: 0,
      rate: 400,
      k6: {
        script: "s.js",
        stages: [
          { duration: "30s", target: 50 },
          { duration: "1m", target: 0 },
        ],
      },
    };
    const target = new FakeTarget(() => ok(), { [join(run.workDir, "summary.json")]: OK_SUMMARY });
    await new K6Driver({ target }).run(run);
    expect(target.calls).toHaveLength(1);
    const argv = target.calls[0]?.argv ?? [];
    expect(argv.slice(4, 8)).toEqual(["--stage", "30s:50", "--stage", "1m:0"]);
    expect(argv).toContain("RATE=400");
    expect(target.calls[0]?.options?.timeoutMs).toBe(600_000);
  });

  it("makes a run whose thresholds failed (exit 99) invalid, naming each failed threshold", async () => {
    const run = input({ load: { ...input().load, warmup_s: 0 } });
    const target = new FakeTarget(
      () => ({
        exitCode: 99,
        stdout: "",
        stderr: "thresholds on metrics 'http_req_duration' have been crossed",
      }),
      {
        [join(run.workDir, "summary.json")]: ownK6Fixture("summary-export-p99-failed.json"),
      },
    );
    const result = await new K6Driver({ target }).run(run);
    expect(result.invalidReasons).toEqual([
      "k6 threshold failed: http_req_duration p(95)<200",
      "k6 threshold failed: http_req_failed rate<0.01",
    ]);
    expect(result.failRate).toBe(0.025);
    expect(result.requests).toEqual({ completed: 975, failed: 25, notSent: 40 });
  });

  it("makes a run with missing metrics invalid", async () => {
    const run = input({ load: { ...input().load, warmup_s: 0 } });
    const target = new FakeTarget(() => ok(), {
      [join(run.workDir, "summary.json")]: ownK6Fixture("summary-export-missing-metrics.json"),
    });
    const result = await new K6Driver({ target }).run(run);
    expect(result.invalidReasons).toEqual([
      "missing data: latencyUs.p95, failRate, throughput not in the k6 summary",
    ]);
    expect(result.latencyUs.p95).toBeNull();
  });

  it.each<[string, Reply]>([
    ["exit 127", { exitCode: 127, stdout: "", stderr: "bash: line 1: k6: command not found" }],
    ["a shell's 'not found'", { exitCode: 2, stdout: "", stderr: "sh: 1: k6: not found" }],
    ["ENOENT", Object.assign(new Error("spawn k6 ENOENT"), { code: "ENOENT" })],
  ])("reports k6 missing (%s) as E_K6_MISSING with how to install it", async (_case, reply) => {
    const target = new FakeTarget(() => reply);
    const error = await new K6Driver({ target }).run(input()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_K6_MISSING", facts: { driver: "k6", target: "fake" } });
    expect((error as { hint: string }).hint).toContain(
      "https://grafana.com/docs/k6/latest/set-up/install-k6/",
    );
  });

  it("fails with E_K6_FAILED and the stderr tail on another exit code", async () => {
    const target = new FakeTarget((argv) =>
      argv.includes("--quiet")
        ? ok()
        : { exitCode: 107, stdout: "", stderr: "ReferenceError: x is not defined" },
    );
    await expect(new K6Driver({ target }).run(input())).rejects.toMatchObject({
      code: "E_K6_FAILED",
      facts: { "exit code": 107, stderr: "ReferenceError: x is not defined" },
    });
  });

  it("fails with E_K6_SUMMARY when k6 wrote no summary", async () => {
    const target = new FakeTarget(() => ok());
    await expect(new K6Driver({ target }).run(input())).rejects.toMatchObject({ code: "E_K6_SUMMARY" });
  });

  it("writes the summary in a folder on the target and keeps a local copy", async () => {
    const run = input({ load: { ...input().load, warmup_s: 0 } });
    const target = new FakeTarget(() => ok(), { "/remote/run-1/summary.json": OK_SUMMARY });
    await new K6Driver({ target, remoteDir: "/remote/run-1" }).run(run);
    expect(target.calls[0]?.argv).toEqual(["mkdir", "-p", "/remote/run-1"]);
    expect(target.calls[1]?.argv[2]).toBe("--summary-export=/remote/run-1/summary.json");
    expect(readFileSync(join(run.workDir, "summary.json"), "utf8")).toBe(OK_SUMMARY);
  });

  it("refuses a non-loopback URL before running anything", async () => {
    const target = new FakeTarget(() => ok());
    await expect(
      new K6Driver({ target }).run(input({ url: "http://192.168.1.20:30080" })),
    ).rejects.toMatchObject({ code: "E_LOAD_TARGET" });
    expect(target.calls).toEqual([]);
  });

  it("refuses a load without a k6 script", async () => {
    const run = input();
    run.load = { ...run.load, k6: undefined };
    const target = new FakeTarget(() => ok());
    await expect(new K6Driver({ target }).run(run)).rejects.toMatchObject({ code: "E_LOAD_SPEC" });
    expect(existsSync(join(run.workDir, "k6.log"))).toBe(false);
  });
});
