export type {
  Aggregate,
  CriticalRegression,
  InvalidRun,
  MetricRow,
  ModeTable,
  SideStats,
  Verdict,
} from "./Aggregate.js";
export { aggregateCampaign } from "./aggregateCampaign.js";
export type { CampaignIdentity, CellSummary, ReportMetricSpec } from "./CampaignInput.js";
export { compatAggregate } from "./compatAggregate.js";
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
export type { CompatAggregate, CompatMetric, CompatStats } from "./compatAggregate.js";
export { COMPAT_METRIC_ORDER, metricOrder } from "./metricOrder.js";
export { formatMetricValue, metricUnit } from "./metricUnits.js";
export type { MetricUnit } from "./metricUnits.js";
export { minAchievableP } from "./minAchievableP.js";
export { renderAggregateMarkdown } from "./renderAggregateMarkdown.js";
export { renderAggregateJson, renderReportJson } from "./renderReportJson.js";
export { renderReportMarkdown } from "./renderReportMarkdown.js";
export { ALPHA } from "./verdict.js";
