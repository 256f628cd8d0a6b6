import type { ExpositionSample } from "./parseExposition.js";
import { parseExposition } from "./parseExposition.js";
import type { SeriesSelector } from "./parseSeriesSelector.js";
import { parseSeriesSelector } from "./parseSeriesSelector.js";

/** What one exposition holds for a selector. */
export interface SeriesRead {
  /** How many samples matched the selector (NaN and infinite ones included). */
  matched: number;
  /** Sum of the matching samples' finite values; null when none matched or none was finite. */
  value: number | null;
}

/** Whether a sample has the selector's exact name and every label it asks for. */
export function matchesSelector(sample: ExpositionSample, selector: SeriesSelector): boolean {
  if (sample.name !== selector.name) return false;
  for (const [label, wanted] of Object.entries(selector.labels)) {
    const got = Object.prototype.hasOwnProperty.call(sample.labels, label) ? sample.labels[label] : undefined;
    if ((got ?? "") !== wanted) return false;
  }
  return true;
}

/**
 * Sums the samples that match: `jvm_memory_used_bytes{area="heap"}` adds every heap pool. NaN and
 * ±Inf samples are left out of the sum (JSON cannot carry them and one would poison the window);
 * `matched` still counts them, so "published but never numeric" differs from "not published".
 */
export function sumSeries(samples: readonly ExpositionSample[], selector: SeriesSelector): SeriesRead {
  let matched = 0;
  let finite = 0;
  let sum = 0;
  for (const sample of samples) {
    if (!matchesSelector(sample, selector)) continue;
    matched++;
    if (Number.isFinite(sample.value)) {
      finite++;
      sum += sample.value;
    }
  }
  return { matched, value: finite === 0 ? null : sum };
}

/**
 * The sum over the samples of `text` (Prometheus text exposition) that match `selector`, or null
 * when no sample matches. Histogram and summary parts are plain names here: read
 * `jvm_gc_pause_seconds_sum`, `..._count` or `..._bucket{le="0.1"}`; the bare family name of a
 * summary names its quantile samples, so filter on `quantile` or their sum means nothing.
 * Throws `E_SCRAPE_SELECTOR` for a bad selector and `E_SCRAPE_PARSE` for a malformed text.
 */
export function readSeries(text: string, selector: string | SeriesSelector): number | null {
  const parsed = typeof selector === "string" ? parseSeriesSelector(selector) : selector;
  return sumSeries(parseExposition(text), parsed).value;
}
