export type {
  EndpointLoad,
  K6LoadOptions,
  K6Stage,
  LatencyHistogram,
  LatencySummaryUs,
  LoadBody,
  LoadDriver,
  LoadInput,
  LoadRequestCounts,
  LoadRequestSpec,
  LoadResult,
  LoadShape,
} from "./LoadDriver.js";
export { AutocannonDriver } from "./AutocannonDriver.js";
export { K6Driver, type K6DriverOptions } from "./K6Driver.js";
export {
  createLoadDriver,
  LOAD_DRIVERS,
  type LoadDriverDeps,
  type LoadDriverName,
} from "./createLoadDriver.js";
export { assertLoopbackUrl } from "./assertLoopbackUrl.js";
export { buildK6Command, buildK6WarmupCommand, K6_TREND_STATS } from "./k6Command.js";
export { parseK6SummaryExport } from "./parseK6SummaryExport.js";
export { parseK6HandleSummary } from "./parseK6HandleSummary.js";
export type { K6SummaryFields } from "./k6SummaryFields.js";
export { histogramPercentiles, type HistogramPercentiles } from "./histogramPercentiles.js";
