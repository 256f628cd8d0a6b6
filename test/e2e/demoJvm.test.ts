import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../helpers/cli.js";
import { demoWorkspace } from "../helpers/demoWorkspace.js";
import { dockerAvailable, dockerImageExists } from "../helpers/docker.js";
import { requireOrSkip } from "../helpers/integration.js";

const jvm = requireOrSkip(spawnSync("javac", ["-version"]).status === 0, "javac (a JDK 17) on PATH");
const JRE_BASE_IMAGE = "staging-base/jre:17";

interface Cell {
  version_slug: string;
  platform_mode: string;
  valid: boolean;
  invalid_reasons: string[];
  metrics: Record<string, number | null>;
  unavailable: Record<string, string>;
  counts: { responses_checked: number; response_mismatches: number };
}

function measure(ws: string, version: string): Cell {
  const result = runCli(["measure", version, "--mode", "jvm", "--json"], { cwd: ws });
  expect(result.code, result.stderr).toBe(0);
  const cells = JSON.parse(result.stdout) as Cell[];
  expect(cells).toHaveLength(1);
  return cells[0]!;
}

/** What a run in mode jvm must show: valid, responses as pinned, heap and GC pauses from the JVM. */
function expectJvmFigures(cell: Cell, version: string): void {
  expect(cell, JSON.stringify(cell.invalid_reasons)).toMatchObject({
    version_slug: version,
    platform_mode: "jvm",
    valid: true,
  });
  expect(cell.counts.response_mismatches).toBe(0);
  expect(cell.counts.responses_checked).toBeGreaterThan(0);
  expect(cell.unavailable).toEqual({});
  // heap_peak: the heap pools of jvm_memory_used_bytes{area="heap"} summed, at most -Xmx.
  expect(cell.metrics.heap_peak).toBeGreaterThan(0);
  expect(cell.metrics.heap_peak).toBeLessThanOrEqual(128 * 1024 * 1024);
  // gc_pause: the increase of jvm_gc_pause_seconds_sum over the window (0 when no collection fell in it).
  expect(typeof cell.metrics.gc_pause).toBe("number");
  expect(cell.metrics.gc_pause).toBeGreaterThanOrEqual(0);
  expect(cell.metrics.throughput).toBeGreaterThan(0);
}

describe.runIf(jvm)("the demo's jvm mode, measured with the built CLI", () => {
  it("gives heap_peak and gc_pause from the JVM's Micrometer series, for both versions", () => {
    const ws = demoWorkspace({ modes: ["jvm"], durationS: 1.5 });
    for (const version of ["baseline", "candidate"]) expectJvmFigures(measure(ws, version), version);
  }, 180_000);
});

const docker = jvm && requireOrSkip(dockerAvailable(), "dockerd");
const jreBase =
  docker &&
  requireOrSkip(dockerImageExists(JRE_BASE_IMAGE), `${JRE_BASE_IMAGE} (scripts/make-base-images.sh jre)`);

describe.runIf(jreBase)("the demo's jvm mode with the docker builder", () => {
  it("builds docker/jvm.Dockerfile on the local JRE base image and measures it in a container", () => {
    const ws = demoWorkspace({ modes: ["jvm"], durationS: 1.5 });
    cpSync(join(REPO, "experiments/demo/docker"), join(ws, "docker"), { recursive: true });
    const config = join(ws, "staging.config.ts");
    const text = readFileSync(config, "utf8");
    expect(text).toContain('target: "local",');
    writeFileSync(config, text.replace('target: "local",', 'target: "local",\n  builder: "docker",'));
    try {
      expectJvmFigures(measure(ws, "baseline"), "baseline");
    } finally {
      const manifest = JSON.parse(
        readFileSync(join(ws, "versions/baseline/images/manifest.json"), "utf8"),
      ) as {
        modes: Record<string, { image_ref: string }>;
      };
      execFileSync("docker", ["rmi", "-f", ...Object.values(manifest.modes).map((m) => m.image_ref)]);
    }
  }, 180_000);
});

describe.runIf(jvm)("a campaign of the demo in jvm mode", () => {
  it("compares the versions on the JVM's own heap and GC figures, and says whether they were still warming up", () => {
    const ws = demoWorkspace({
      modes: ["jvm"],
      runs: 3,
      load: "mode: duet, windows: 3, warmup_s: 1, duration_s: 0.5, connections: 2",
    });
    const campaign = runCli(["run-campaign", "candidate", "--json"], { cwd: ws });
    expect(campaign.code, campaign.stderr).toBe(0);
    const report = JSON.parse(runCli(["report", "candidate", "--format", "json"], { cwd: ws }).stdout) as {
      modes: {
        mode: string;
        metrics: {
          metric: string;
          baseline: { n_valid: number; median: number | null };
          candidate: { median: number | null };
        }[];
        warmup: { version: string; p: number; warming: boolean }[];
      }[];
    };
    const [jvmTable] = report.modes;
    expect(jvmTable?.mode).toBe("jvm");
    for (const metric of ["heap_peak", "gc_pause"]) {
      const row = jvmTable!.metrics.find((r) => r.metric === metric)!;
      expect(row.baseline.n_valid, metric).toBe(3);
      expect(row.baseline.median, metric).not.toBeNull();
      expect(row.candidate.median, metric).not.toBeNull();
    }
    // The trend test ran over each version's windows (whether it found a warm-up is the JVM's business).
    expect(jvmTable!.warmup.map((w) => w.version).sort()).toEqual(["baseline", "candidate"]);
  }, 240_000);
});
