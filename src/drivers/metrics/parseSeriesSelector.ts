import { StagingError } from "../../errors/StagingError.js";
import { LabelSyntaxError, metricNameAt, readLabelSet, skipBlank } from "./labelSet.js";

/** Which samples a metric is read from: an exact metric name and exact label values. */
export interface SeriesSelector {
  name: string;
  /** Every label here must have exactly this value; `""` matches a sample without the label. */
  labels: Record<string, string>;
}

/**
 * Parses `jvm_memory_used_bytes{area="heap"}` (PromQL's instant selector, exact matches only):
 * a metric name, then an optional `{label="value", ...}` with `"` or `'` quotes. Regex and negative
 * matchers (`=~`, `!=`, `!~`) and anything after the closing brace are refused with
 * `E_SCRAPE_SELECTOR`, naming the selector and the column.
 */
export function parseSeriesSelector(selector: string): SeriesSelector {
  const start = skipBlank(selector, 0);
  const name = metricNameAt(selector, start);
  if (name === undefined) throw selectorError(selector, start, "expected a metric name");
  let i = skipBlank(selector, start + name.length);
  let labels: Record<string, string> = Object.create(null) as Record<string, string>;
  if (selector[i] === "{") {
    try {
      const read = readLabelSet(selector, i, { quotes: `"'`, rejectMatchers: true });
      labels = read.labels;
      i = skipBlank(selector, read.end);
    } catch (error) {
      if (error instanceof LabelSyntaxError) throw selectorError(selector, error.index, error.message);
      throw error;
    }
  }
  if (i < selector.length)
    throw selectorError(selector, i, `unexpected ${JSON.stringify(selector.slice(i))}`);
  return { name, labels };
}

function selectorError(selector: string, index: number, why: string): StagingError {
  return new StagingError(`cannot read the series selector ${JSON.stringify(selector)}`, {
    code: "E_SCRAPE_SELECTOR",
    facts: { selector, column: index + 1, problem: why },
    hint: 'write a metric name with an optional exact label filter, e.g. jvm_memory_used_bytes{area="heap"}',
  });
}
