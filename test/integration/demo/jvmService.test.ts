import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseExposition } from "../../../src/drivers/metrics/parseExposition.js";
import { readSeries } from "../../../src/drivers/metrics/readSeries.js";
import { JVM_SCRAPE_DEFAULTS } from "../../../src/staging/benchmark/validateBenchmark.js";
import { requireOrSkip } from "../../helpers/integration.js";
import {
  buildService,
  demoConfig,
  demoRoot,
  javacAvailable,
  startService,
  type Running,
} from "./demoService.js";

const jvm = requireOrSkip(javacAvailable, "javac (a JDK 17) on PATH");
const versions = ["baseline", "candidate"] as const;
const functions = ["word-stats", "json-transform"] as const;
const corpusFile = (fn: string) => join(demoRoot, "benchmark/corpus", `${fn}.jsonl`);
const corpus = (fn: string) =>
  readFileSync(corpusFile(fn), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { body: string; response_sha256: string });
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

let work: string;
const services = new Map<string, Running>();
const url = (version: string, path: string) => `http://127.0.0.1:${services.get(version)!.port}${path}`;

beforeAll(async () => {
  if (!jvm) return;
  work = mkdtempSync(join(tmpdir(), "staging-demo-jvm-"));
  for (const version of versions) {
    const build = await buildService(version, "jvm", join(work, version));
    const env = { STAGING_VERSION: version, STAGING_MODE: "jvm", STAGING_BUILD_FINGERPRINT: `fp-${version}` };
    services.set(version, await startService(build, env));
  }
});

afterAll(() => {
  for (const service of services.values()) if (service.child.exitCode === null) service.child.kill("SIGKILL");
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

async function invoke(version: string, fn: string, body: string) {
  const response = await fetch(url(version, `/functions/${fn}/invoke`), { method: "POST", body });
  return { status: response.status, body: await response.text() };
}

async function scrape(version: string): Promise<string> {
  const response = await fetch(url(version, "/metrics"));
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return response.text();
}

describe.runIf(jvm).each(versions)("the demo service in mode jvm, %s", (version) => {
  it("is healthy with the build fingerprint it was started with, on the JVM", async () => {
    const health = (await (await fetch(url(version, "/health"))).json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      status: "ok",
      version,
      mode: "jvm",
      runtime: "jvm",
      build_fingerprint: `fp-${version}`,
    });
    expect(health.runtime_version).toMatch(/^\d+/);
  });

  it.each(functions)(
    "answers every %s request of the corpus with the pinned response, byte for byte",
    async (fn) => {
      const wrong: number[] = [];
      for (const [line, { body, response_sha256 }] of corpus(fn).entries()) {
        const response = await invoke(version, fn, body);
        if (response.status !== 200 || sha256(response.body) !== response_sha256) wrong.push(line + 1);
      }
      expect(wrong, `corpus lines answered wrongly`).toEqual([]);
    },
  );

  it("publishes Micrometer's JVM series, which staging's parser and the jvm selectors read", async () => {
    const text = await scrape(version);
    const samples = parseExposition(text);
    const pools = samples.filter((s) => s.name === "jvm_memory_used_bytes" && s.labels.area === "heap");
    // The deploy command's -XX:+UseSerialGC: the serial collector's pools and collector names.
    expect(pools.map((s) => s.labels.id).sort()).toEqual(["Eden Space", "Survivor Space", "Tenured Gen"]);
    expect(readSeries(text, JVM_SCRAPE_DEFAULTS.heap_peak!.series)).toBe(
      pools.reduce((a, s) => a + s.value, 0),
    );
    // -Xmx128m: the heap pools' maxima (one survivor space counted) stay within it.
    expect(readSeries(text, 'jvm_memory_max_bytes{area="heap"}')).toBeLessThanOrEqual(128 * 1024 * 1024);
    expect(readSeries(text, "jvm_threads_live_threads")).toBeGreaterThan(0);
    for (const pause of samples.filter((s) => s.name.startsWith("jvm_gc_pause_seconds")))
      expect(Object.keys(pause.labels).sort()).toEqual(["action", "cause", "gc"]);
    // The full collection before serving: the GC series exist from the first scrape.
    expect(readSeries(text, 'jvm_gc_pause_seconds_count{cause="System.gc()"}')).toBe(1);
    expect(readSeries(text, JVM_SCRAPE_DEFAULTS.gc_pause!.series)).toBeGreaterThanOrEqual(0);
  });

  it("counts the collections that load causes, each a real pause of the young generation", async () => {
    const young = 'jvm_gc_pause_seconds_count{action="end of minor GC",gc="Copy"}';
    const before = readSeries(await scrape(version), young) ?? 0;
    const [text] = corpus("word-stats");
    let after = before;
    // Load until a young collection is observed (a fixed heap fills after a bounded amount of garbage).
    for (let batch = 0; batch < 400 && after === before; batch++) {
      await Promise.all(Array.from({ length: 20 }, () => invoke(version, "word-stats", text!.body)));
      after = readSeries(await scrape(version), young) ?? 0;
    }
    expect(after).toBeGreaterThan(before);
    const sum = readSeries(await scrape(version), JVM_SCRAPE_DEFAULTS.gc_pause!.series);
    expect(sum).toBeGreaterThanOrEqual(0);
    expect(sum).toBeLessThan(60);
  });
});

describe.runIf(jvm)("the candidate's tokenizer on the JVM", () => {
  /** Words found and bytes allocated by one version's tokenizer over the word-stats corpus. */
  function tokenizerWork(version: string): { texts: number; words: number; allocated_bytes: number } {
    const classes = join(work, version, "classes");
    const harness = join(work, version, "harness");
    const source = join(import.meta.dirname, "jvm/TokenizerWork.java");
    execFileSync("javac", ["--release", "17", "-d", harness, "-cp", classes, source]);
    const argv = ["-cp", `${classes}:${harness}`, "demo.TokenizerWork", corpusFile("word-stats")];
    return JSON.parse(execFileSync("java", argv, { encoding: "utf8" })) as ReturnType<typeof tokenizerWork>;
  }

  it("finds the same words as the baseline's, allocating under a fifth of its bytes", () => {
    const baseline = tokenizerWork("baseline");
    const candidate = tokenizerWork("candidate");
    expect(baseline.texts).toBe(200);
    expect(candidate.words).toBe(baseline.words);
    expect(candidate.allocated_bytes * 5).toBeLessThan(baseline.allocated_bytes);
  });
});

describe("the jvm mode's recipes", () => {
  it("docker/jvm.Dockerfile runs the deploy command, JVM flags included", async () => {
    const deploy = (await demoConfig()).modes?.jvm?.deploy?.command;
    const dockerfile = readFileSync(join(demoRoot, "docker/jvm.Dockerfile"), "utf8");
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(Array.isArray(deploy)).toBe(true);
    expect(cmd).toEqual((deploy as string[]).map((arg) => arg.replace("{artifact}", "/app")));
    expect(cmd).toEqual(expect.arrayContaining(["-Xms128m", "-Xmx128m", "-XX:+UseSerialGC"]));
  });
});
