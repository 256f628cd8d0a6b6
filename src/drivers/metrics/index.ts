export { AGGREGATES, aggregate, type Aggregate } from "./aggregate.js";
export { parseExposition, parseValue, type ExpositionSample } from "./parseExposition.js";
export { parseSeriesSelector, type SeriesSelector } from "./parseSeriesSelector.js";
export { matchesSelector, readSeries, sumSeries, type SeriesRead } from "./readSeries.js";
export { isLoopbackHost, scrapeUrl } from "./scrapeUrl.js";
export { describeFetchError, scrapeOnce, type FetchLike, type ScrapeResult } from "./scrapeOnce.js";
export { ScrapeWindow, type ScrapeSummary } from "./ScrapeWindow.js";
export { SamplesFile, type SampleLine } from "./SamplesFile.js";
export { PrometheusSampler } from "./PrometheusSampler.js";
export {
  resolveSamplerOptions,
  type MetricSelector,
  type ResolvedSamplerOptions,
  type SamplerOptions,
} from "./samplerOptions.js";
export { parseVmHwm, processPeakRss, type PeakRss } from "./processPeakRss.js";
export type { CpuReading, CpuSource } from "./CpuReading.js";
export { cpuPerRequest } from "./cpuPerRequest.js";
export { processTreeCpu } from "./processTreeCpu.js";
export { listProcessTree } from "./listProcessTree.js";
export { containerCpu, findContainerCpu, type ContainerCpuCounter } from "./containerCpu.js";
export { cgroupCpuCandidates, parseCgroupCpu, type CgroupCpuCounter } from "./cgroupCpuCounter.js";
export {
  formatMachineLoad,
  machineLoadWindow,
  readMachineLoad,
  type MachineLoadSample,
  type MachineLoadWindow,
} from "./MachineLoad.js";
export { parseLoadavg, type Loadavg } from "./parseLoadavg.js";
export { parseSystemStat, totalTicks, type CpuTimes, type SystemStat } from "./parseSystemStat.js";
export { openCpuReader, type CpuReader } from "./CpuReader.js";
