import type { RunPoint } from "./plotData.js";

/** Legend labels of an invalid run too far off to fit the axis, drawn at its edge. */
export const OFF_ABOVE = "invalid, above the axis";
export const OFF_BELOW = "invalid, below the axis";

/** The y axis of a metric's plots, and the runs placed on it. */
export interface FittedRuns {
  /** The axis span in the plot unit; null when there is no valid run to fit it to. */
  domain: [number, number] | null;
  /** The runs, each with `shown` on the axis: an invalid run off the axis sits at its edge. */
  points: RunPoint[];
}

/**
 * Fits the value axis to the valid runs, so that one invalid run far off (a run that crashed at
 * 2 s among runs of 5 ms) does not flatten them. An invalid run within one span of the valid
 * ones (or, where they are all equal, 10% of their value, or 1 unit around 0) widens the axis to
 * include it; one further off is drawn at the edge it lies beyond, as its own legend entry, its
 * tooltip keeping the real value. The axis has 5% room on each side, and does not go below 0
 * when no run does.
 */
export function fitToAxis(points: readonly RunPoint[]): FittedRuns {
  const valid = points.filter((p) => p.valid).map((p) => p.value);
  if (valid.length === 0) return { domain: null, points: [...points] };
  const lo = Math.min(...valid);
  const hi = Math.max(...valid);
  const margin = hi > lo ? hi - lo : lo !== 0 ? Math.abs(lo) / 10 : 1;
  const near = points
    .filter((p) => !p.valid && p.value >= lo - margin && p.value <= hi + margin)
    .map((p) => p.value);
  const low = Math.min(lo, ...near);
  const high = Math.max(hi, ...near);
  const room = high > low ? (high - low) / 20 : margin / 2;
  const floor = points.every((p) => p.value >= 0) ? 0 : -Infinity;
  const domain: [number, number] = [Math.max(floor, low - room), high + room];
  return {
    domain,
    points: points.map((p) => {
      if (p.value > domain[1]) return offAxis(p, domain[1], OFF_ABOVE);
      if (p.value < domain[0]) return offAxis(p, domain[0], OFF_BELOW);
      return p;
    }),
  };
}

function offAxis(point: RunPoint, edge: number, group: string): RunPoint {
  return { ...point, shown: edge, group, label: `${point.label} (${group}, drawn at its edge)` };
}
