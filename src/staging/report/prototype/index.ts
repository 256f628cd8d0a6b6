export { aggregateComparison } from "./aggregateComparison.js";
export type {
  AggregateComparison,
  ComparisonCampaign,
  ComparisonCell,
  ComparisonRow,
  ComparisonStats,
} from "./aggregateComparison.js";
export { prototypeCampaignFields } from "./prototypeCampaignFields.js";
export type { PrototypeCampaignFields, PrototypeCampaignInput } from "./prototypeCampaignFields.js";
export {
  renderAggregateComparisonJson,
  renderAggregateComparisonMarkdown,
} from "./renderAggregateComparison.js";
