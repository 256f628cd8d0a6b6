import type { MetricRow, Verdict } from "../Aggregate.js";
import { changeCell, shownInterval } from "../verdictCells.js";
import { metricUnit } from "../metricUnits.js";

/** One row of a ratio plot: a metric's change, candidate / baseline, with its interval. */
export interface ForestRow {
  /** The row's name on the y axis, e.g. `node · p95 *`; unique within a plot. */
  label: string;
  estimate: number;
  /** The interval at the look's level; null with too few rounds. */
  lo: number | null;
  hi: number | null;
  /** The noise band as a ratio interval. */
  bandLo: number;
  bandHi: number;
  verdict: Verdict;
  /** The change as the tables print it, and the verdict: `-15.2% [-50.0, -1.2] inconclusive`. */
  text: string;
}

/** The rows of a ratio plot, and the rows it cannot draw with why (in the tables' words). */
export interface ForestRows {
  rows: ForestRow[];
  notDrawn: string[];
}

/**
 * The rows that have a change on the ratio scale, in the order given. A metric not published, one
 * without a paired round, or one compared as a difference (a value was 0, as a failure rate often
 * is) has no place on a ratio axis: it is named in `notDrawn` with its change as the tables say it.
 */
export function forestRows(items: ReadonlyArray<{ label: string; row: MetricRow }>): ForestRows {
  const rows: ForestRow[] = [];
  const notDrawn: string[] = [];
  for (const { label, row } of items) {
    const change = row.change;
    const text = changeCell(metricUnit(row.metric), change, row.verdict);
    if (row.verdict === "n/a") notDrawn.push(`${label}: not published`);
    else if (!change) notDrawn.push(`${label}: no paired round`);
    else if (change.scale === "difference")
      notDrawn.push(`${label}: ${text} (a difference, not a ratio), ${row.verdict}`);
    else {
      const ci = shownInterval(change, row.verdict);
      rows.push({
        label,
        estimate: change.estimate,
        lo: ci?.lo ?? null,
        hi: ci?.hi ?? null,
        bandLo: change.band.lo,
        bandHi: change.band.hi,
        verdict: row.verdict,
        text: `${text} ${row.verdict}`,
      });
    }
  }
  return { rows, notDrawn };
}
