import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { LoadResult } from "../../drivers/load/index.js";
import {
  machineLoadWindow,
  PrometheusSampler,
  type CpuReader,
  type CpuReading,
} from "../../drivers/metrics/index.js";
import type { ScrapeOutcome } from "./buildCellSummary.js";
import type { Pinning } from "./pinWindow.js";
import type { MeasureEnv } from "./MeasureEnv.js";
import type { RoundSide, Side } from "./RoundSide.js";
import type { WindowEndpoint, WindowMeasure } from "./WindowMeasure.js";

/** Where the windows run: the instruments, the mode, and what seeds the request order. */
export interface WindowContext {
  env: MeasureEnv;
  mode: string;
  round: number;
  runIndex: number;
  /** The campaign's seed (1 for a one-off measurement). */
  seed: number;
  signal: AbortSignal;
}

/** What the windows of a round gave one version. */
export interface SideWindows {
  results: LoadResult[];
  windows: WindowMeasure[];
  scrape: ScrapeOutcome;
  /** Seconds of load each version had before its first measured window. */
  warmedS: number;
}

/** Warm-up phases agree within this share of CPU per request (or throughput) when a service is steady: one phase of a second varies by about 5% on its own. */
const STEADY = 0.1;

/** The order of an alternating round's windows: A B B A A B B A ..., so drift hits both alike. */
const ALTERNATE = [0, 1, 1, 0] as const;

/**
 * Warms the deployments up (discarded), then measures the round's windows: one version at a
 * time in ABBA order, or both at once (duet) with the same request sequence, re-pinned before
 * each window. Each window brackets the services' CPU time and the machine's load. One side alone
 * (a one-off measurement) gets its windows one after the other.
 */
export async function runWindows(
  m: WindowContext,
  pair: readonly RoundSide[],
  reader: CpuReader,
  duet: boolean,
  pin: ((window: number) => Promise<Pinning>) | undefined,
): Promise<{ bySide: Map<Side, SideWindows>; pinning: Pinning | null }> {
  const load = m.env.benchmark.benchmark.load;
  const bySide = new Map<Side, SideWindows>(
    pair.map((s) => [s.side, { results: [], windows: [], scrape: emptyScrape(), warmedS: 0 }]),
  );
  let pinning: Pinning | null = (await pin?.(0)) ?? null;
  const warmedS = await warmUp(m, pair, duet);
  for (const side of bySide.values()) side.warmedS = warmedS;
  const samplers = await Promise.all(pair.map((s) => startSampler(m, s)));
  try {
    const count = duet ? load.windows : pair.length * load.windows;
    for (let w = 0; w < count; w++) {
      if (duet && w > 0) pinning = (await pin?.(w)) ?? pinning;
      const loaded = duet ? pair : [pair[ALTERNATE[w % 4]! % pair.length]!];
      const cpus = (s: RoundSide) => (!pinning ? null : s === pair[0] ? pinning.first : pinning.second);
      const measured = await window(m, loaded, reader, w + 1, cpus);
      for (const [side, { result, measure }] of measured) {
        bySide.get(side)!.results.push(result);
        bySide.get(side)!.windows.push(measure);
      }
    }
  } finally {
    for (const [i, sampler] of samplers.entries()) {
      const outcome = await sampler?.stop();
      if (outcome) bySide.get(pair[i]!.side)!.scrape = outcome;
    }
  }
  return { bySide, pinning };
}

async function window(
  m: WindowContext,
  sides: readonly RoundSide[],
  reader: CpuReader,
  index: number,
  cpusOf: (s: RoundSide) => number[] | null,
): Promise<Map<Side, { result: LoadResult; measure: WindowMeasure }>> {
  const load = m.env.benchmark.benchmark.load;
  const machine0 = await reader.machineLoad().catch(() => null);
  const own0 = process.cpuUsage();
  const cpu0 = await Promise.all(sides.map((s) => s.cpu()));
  const t0 = performance.now();
  const results = await Promise.all(sides.map((s) => drive(m, s, load.duration_s, index, `w${pad(index)}`)));
  const elapsedS = (performance.now() - t0) / 1000;
  const cpu1 = await Promise.all(sides.map((s) => s.cpu()));
  const own = process.cpuUsage(own0);
  const machine1 = await reader.machineLoad().catch(() => null);
  const machine = machine0 && machine1 ? machineLoadWindow(machine0, machine1) : null;
  const servicesNs = sides.map((_, i) => cpuDelta(cpu0[i], cpu1[i]));
  const ownNs = m.env.wiring.targets.target.kind === "local" ? (own.user + own.system) * 1000 : 0;
  const out = new Map<Side, { result: LoadResult; measure: WindowMeasure }>();
  sides.forEach((side, i) => {
    const result = results[i]!;
    const cpuNs = servicesNs[i] ?? null;
    const completed = result.requests.completed;
    out.set(side.side, {
      result,
      measure: {
        index,
        cpus: cpusOf(side),
        latencyUs: result.latencyUs,
        completed,
        failed: result.requests.failed,
        windowS: result.windowS,
        throughput: result.throughput,
        cpuNs,
        cpuPerRequest: cpuNs !== null && completed ? cpuNs / 1e9 / completed : null,
        cpuSource: cpu1[i]?.source ?? null,
        machine,
        othersCpus: othersCpus(machine, elapsedS, [...servicesNs, ownNs]),
        ...endpointsOf(result),
      },
    });
  });
  return out;
}

/**
 * The warm-up, discarded: `warmup_s` of load, then more phases of a window's length until every
 * service is steady (its CPU per request, or its throughput where the CPU cannot be read, within
 * 10% of the phase before) or the limit (4 × warmup_s, at least 2 s more) is reached. A JIT keeps
 * compiling well past a fixed second or two (node needs ~10,000 requests here), and a window taken
 * while one version is warmer than the other measures the warm-up, not the version.
 */
async function warmUp(m: WindowContext, pair: readonly RoundSide[], duet: boolean): Promise<number> {
  const load = m.env.benchmark.benchmark.load;
  const phase = async (seconds: number): Promise<(number | null)[]> => {
    const run = async (s: RoundSide) => {
      const before = await s.cpu();
      const result = await drive(m, s, seconds, 0, "warmup");
      const ns = cpuDelta(before, await s.cpu());
      const done = result.requests.completed;
      return ns !== null && done ? ns / done : result.throughput;
    };
    if (duet) return Promise.all(pair.map(run));
    const out: (number | null)[] = [];
    for (const s of pair) out.push(await run(s));
    return out;
  };
  let warmed = 0;
  if (load.warmup_s > 0) {
    await phase(load.warmup_s);
    warmed = load.warmup_s;
  }
  const limit = warmed + Math.max(2, 4 * load.warmup_s);
  let previous = await phase(load.duration_s);
  warmed += load.duration_s;
  while (warmed + load.duration_s <= limit && !m.signal.aborted) {
    const now = await phase(load.duration_s);
    warmed += load.duration_s;
    const steady = now.every((x, i) => {
      const y = previous[i];
      return x !== null && x !== undefined && y !== null && y !== undefined && Math.abs(x / y - 1) < STEADY;
    });
    if (steady) break;
    previous = now;
  }
  return warmed;
}

/** One load phase against a side, its raw output in its own folder; the seed fixes the request order. */
function drive(
  m: WindowContext,
  side: RoundSide,
  seconds: number,
  index: number,
  folder: string,
): Promise<LoadResult> {
  const { benchmark, load, requests } = m.env;
  const k6 = benchmark.benchmark.load.k6;
  // k6 runs its script from the benchmark folder, wherever the command runs.
  const script = k6?.script ? resolve(dirname(m.env.wiring.workspace.benchmarkPath), k6.script) : undefined;
  return load.run(
    {
      url: side.url,
      load: {
        ...benchmark.benchmark.load,
        warmup_s: 0,
        duration_s: seconds,
        k6: k6 && script ? { ...k6, script } : undefined,
      },
      requests,
      responseSample: benchmark.benchmark.thresholds.response_sample,
      workDir: join(side.runDir, "windows", folder),
      // The same sequence for both versions of a window: a duet drives them alike.
      seed: (m.seed * 1000 + m.round) * 100 + index,
    },
    m.signal,
  );
}

async function startSampler(m: WindowContext, side: RoundSide): Promise<PrometheusSampler | undefined> {
  const scrape = m.env.benchmark.benchmark.scrape;
  const selectors = scrape.modes[m.mode] ?? {};
  if (Object.keys(selectors).length === 0) return undefined;
  const sampler = new PrometheusSampler();
  await sampler.start({
    url: side.url,
    path: scrape.path,
    intervalMs: scrape.interval_ms,
    selectors,
    mode: m.mode,
    samplesFile: join(side.runDir, "samples.jsonl"),
  });
  return sampler;
}

function cpuDelta(a: CpuReading | null | undefined, b: CpuReading | null | undefined): number | null {
  if (!a || !b || a.source !== b.source || b.ns < a.ns) return null;
  return b.ns - a.ns;
}

/** CPUs' worth of work the rest of the machine did in the window; null without the readings. */
function othersCpus(
  machine: ReturnType<typeof machineLoadWindow> | null,
  seconds: number,
  oursNs: readonly (number | null)[],
): number | null {
  if (!machine || machine.busyFraction === null || seconds <= 0 || oursNs.some((n) => n === null))
    return null;
  const busy = machine.busyFraction * machine.cpus * seconds;
  const ours = oursNs.reduce<number>((a, n) => a + n! / 1e9, 0);
  return Math.max(0, (busy - ours) / seconds);
}

function endpointsOf(result: LoadResult): { endpoints?: Record<string, WindowEndpoint> } {
  const names = Object.keys(result.endpoints);
  if (names.length === 0) return {};
  const endpoints: Record<string, WindowEndpoint> = {};
  for (const name of names) {
    const e = result.endpoints[name]!;
    endpoints[name] = {
      latencyUs: { p50: e.latencyUs.p50, p95: e.latencyUs.p95, p99: e.latencyUs.p99 },
      completed: e.completed,
      failed: e.failed,
      throughput: e.throughput,
    };
  }
  return { endpoints };
}

function emptyScrape(): ScrapeOutcome {
  return { metrics: {}, unavailable: {}, samples: 0, failures: 0 };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
