export type {
  Aggregate,
  CriticalFinding,
  CriticalRegression,
  EndpointTable,
  InvalidRun,
  MetricRow,
  ModeTable,
  SideStats,
  Verdict,
} from "./Aggregate.js";
export { aggregateCampaign } from "./aggregateCampaign.js";
export type { CampaignIdentity, CellSummary, ReportMetricSpec } from "./CampaignInput.js";
export {
  aggregateComparison,
  prototypeCampaignFields,
  renderAggregateComparisonJson,
  renderAggregateComparisonMarkdown,
} from "./prototype/index.js";
export type {
  AggregateComparison,
  ComparisonCampaign,
  ComparisonCell,
  ComparisonRow,
  ComparisonStats,
  PrototypeCampaignFields,
  PrototypeCampaignInput,
} from "./prototype/index.js";
export { COMPAT_METRIC_ORDER, metricOrder } from "./metricOrder.js";
export { formatMetricValue, metricUnit } from "./metricUnits.js";
export type { MetricUnit } from "./metricUnits.js";
export { renderReportJson } from "./renderReportJson.js";
export { renderReportMarkdown } from "./renderReportMarkdown.js";
export { ALPHA, MAX_ROUNDS } from "./verdict.js";
