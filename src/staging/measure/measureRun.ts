import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DockerCli } from "../../drivers/docker/index.js";
import type { DeployDriver, Deployment, DeploySpec } from "../../drivers/deploy/index.js";
import type { LoadDriver, LoadRequestSpec } from "../../drivers/load/index.js";
import { PrometheusSampler, processPeakRss } from "../../drivers/metrics/index.js";
import type { Target } from "../../targets/Target.js";
import type { NormalizedBenchmark } from "../benchmark/index.js";
import { buildCellSummary, type CellFacts, type ScrapeOutcome } from "./buildCellSummary.js";
import type { CellSummary } from "./CellSummary.js";

/** Everything one measured run needs: the same path for a campaign's run node and `staging measure`. */
export interface MeasureRun {
  deploy: DeployDriver;
  spec: DeploySpec;
  load: LoadDriver;
  requests: LoadRequestSpec[];
  benchmark: NormalizedBenchmark;
  /** Where the k6 script lives on the machine k6 runs on. */
  k6Script?: string;
  target: Target;
  docker?: DockerCli;
  /** The run's folder: cell-summary.json, load.json, histogram.json, samples.jsonl. */
  runDir: string;
  seed: number;
  round: number;
  runIndex: number;
  signal: AbortSignal;
}

/**
 * One measured run: a fresh deployment, the warm-up (discarded), the measured window with
 * metric samples, peak memory, then the deployment stopped whatever happened.
 */
export async function measureRun(m: MeasureRun): Promise<CellSummary> {
  await mkdir(m.runDir, { recursive: true });
  const dep = await m.deploy.start(m.spec, m.signal);
  try {
    // A service on a remote target listens on its loopback: load and scrapes go through SSH.
    const tunnel =
      m.target.kind !== "local" && m.target.forwardPort ? await m.target.forwardPort(dep.port) : undefined;
    const { load, scrape } = await measureWindow(m, tunnel ? { ...dep, url: tunnel.url } : dep).finally(() =>
      tunnel?.close(),
    );
    const alive = await m.deploy.check(dep);
    const facts: CellFacts = {
      version: m.spec.version,
      mode: m.spec.mode,
      round: m.round,
      runIndex: m.runIndex,
      load,
      scrape,
      rssPeak: await peakMemory(m, dep),
      serviceDied: alive.ok ? null : `the service was not healthy at the end of the window: ${alive.reason}`,
      thresholds: m.benchmark.thresholds,
      metricNames: Object.keys(m.benchmark.metrics),
    };
    const summary = buildCellSummary(facts);
    const { histogram, ...rest } = load;
    await writeFile(join(m.runDir, "load.json"), JSON.stringify(rest, null, 2) + "\n");
    await writeFile(join(m.runDir, "histogram.json"), JSON.stringify(histogram) + "\n");
    await writeFile(join(m.runDir, "cell-summary.json"), JSON.stringify(summary, null, 2) + "\n");
    return summary;
  } finally {
    await m.deploy.stop(dep);
  }
}

async function measureWindow(m: MeasureRun, dep: Deployment) {
  const selectors = m.benchmark.scrape.modes[m.spec.mode] ?? {};
  const sampler = Object.keys(selectors).length > 0 ? new PrometheusSampler() : undefined;
  let started: Promise<void> | undefined;
  // The sampler covers the measured window only: it starts when the warm-up ends.
  const timer = setTimeout(() => {
    started = sampler?.start({
      url: dep.url,
      path: m.benchmark.scrape.path,
      intervalMs: m.benchmark.scrape.interval_ms,
      selectors,
      mode: m.spec.mode,
      samplesFile: join(m.runDir, "samples.jsonl"),
    });
  }, m.benchmark.load.warmup_s * 1000);
  try {
    const loadShape =
      m.k6Script && m.benchmark.load.k6
        ? { ...m.benchmark.load, k6: { ...m.benchmark.load.k6, script: m.k6Script } }
        : { ...m.benchmark.load, k6: undefined };
    const load = await m.load.run(
      {
        url: dep.url,
        load: loadShape,
        requests: m.requests,
        responseSample: m.benchmark.thresholds.response_sample,
        workDir: m.runDir,
        seed: m.seed,
      },
      m.signal,
    );
    return { load, scrape: await finishScrape(sampler, started) };
  } finally {
    clearTimeout(timer);
  }
}

async function finishScrape(
  sampler: PrometheusSampler | undefined,
  started: Promise<void> | undefined,
): Promise<ScrapeOutcome> {
  if (!sampler || !started) return { metrics: {}, unavailable: {}, samples: 0, failures: 0 };
  await started;
  const s = await sampler.stop();
  return { metrics: s.metrics, unavailable: s.unavailable, samples: s.samples, failures: s.failures };
}

async function peakMemory(m: MeasureRun, dep: Deployment): Promise<CellFacts["rssPeak"]> {
  if (dep.pid !== undefined) {
    const peak = await processPeakRss(m.target, dep.pid);
    return peak.bytes === null ? { bytes: null, reason: peak.reason } : { bytes: peak.bytes };
  }
  if (dep.containerId !== undefined && m.docker) {
    const peak = await m.docker.memoryPeak(dep.containerId);
    return peak.bytes === null ? { bytes: null, reason: peak.reason } : { bytes: peak.bytes };
  }
  return { bytes: null, reason: "no process or container to read peak memory from" };
}
