import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mergeLoadResults } from "../../drivers/load/mergeLoadResults.js";
import { processPeakRss } from "../../drivers/metrics/index.js";
import { buildCellSummary, type CellFacts } from "./buildCellSummary.js";
import type { CellSummary } from "./CellSummary.js";
import type { RoundSide } from "./RoundSide.js";
import type { SideWindows, WindowContext } from "./runWindows.js";

/**
 * A version's cell of the round: its windows as one measurement (histograms added, counts summed,
 * CPU per request over all of them), peak memory, and whether it was still healthy at the end;
 * written in the prototype's layout with the windows beside it.
 */
export async function sideCell(
  m: WindowContext,
  side: RoundSide,
  measured: SideWindows,
): Promise<CellSummary> {
  const { benchmark } = m.env.benchmark;
  const load = await mergeLoadResults(measured.results);
  const alive = await side.driver.check(side.deployment);
  const facts: CellFacts = {
    version: side.version,
    mode: m.mode,
    round: m.round,
    runIndex: m.runIndex,
    load,
    scrape: measured.scrape,
    rssPeak: await peakMemory(m, side),
    cpuPerRequest: cpuPerRequest(measured),
    serviceDied: alive.ok ? null : `the service was not healthy at the end of the round: ${alive.reason}`,
    thresholds: benchmark.thresholds,
    metricNames: Object.keys(benchmark.metrics),
    windows: measured.windows,
  };
  const summary = { ...buildCellSummary(facts), warmed_s: measured.warmedS };
  const { histogram, ...rest } = load;
  await writeFile(join(side.runDir, "load.json"), JSON.stringify(rest, null, 2) + "\n");
  await writeFile(join(side.runDir, "histogram.json"), JSON.stringify(histogram) + "\n");
  await writeFile(join(side.runDir, "cell-summary.json"), JSON.stringify(summary, null, 2) + "\n");
  return summary;
}

function cpuPerRequest(measured: SideWindows): CellFacts["cpuPerRequest"] {
  const windows = measured.windows;
  const missing = windows.find((w) => w.cpuNs === null);
  if (missing || windows.length === 0)
    return { seconds: null, reason: "the service's CPU time could not be read in every window" };
  const requests = windows.reduce((a, w) => a + (w.completed ?? 0), 0);
  if (requests === 0) return { seconds: null, reason: "no request was served" };
  return { seconds: windows.reduce((a, w) => a + w.cpuNs!, 0) / 1e9 / requests };
}

async function peakMemory(m: WindowContext, side: RoundSide): Promise<CellFacts["rssPeak"]> {
  const dep = side.deployment;
  const { targets, drivers } = m.env.wiring;
  if (dep.pid !== undefined) {
    const peak = await processPeakRss(targets.target, dep.pid);
    return peak.bytes === null ? { bytes: null, reason: peak.reason } : { bytes: peak.bytes };
  }
  if (dep.containerId !== undefined) {
    const peak = await drivers.dockerCli.memoryPeak(dep.containerId);
    return peak.bytes === null ? { bytes: null, reason: peak.reason } : { bytes: peak.bytes };
  }
  return { bytes: null, reason: "no process or container to read peak memory from" };
}
