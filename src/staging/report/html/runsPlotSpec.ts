import type { TopLevelSpec } from "vega-lite";
import type { RunPoint, SideMark } from "./plotData.js";
import { axisTitle } from "./plotUnit.js";
import {
  type GroupStyle,
  type Layer,
  plotConfig,
  PLOT_HEIGHT,
  groupColor,
  groupShape,
  describedBy,
} from "./plotTheme.js";

/** What a runs plot shows: one metric in one mode. */
export interface RunsPlotInput {
  metric: string;
  points: readonly RunPoint[];
  sides: readonly SideMark[];
  /** The value axis (fitted to the valid runs); null lets the plot span every value. */
  domain: [number, number] | null;
  style: GroupStyle;
}

/**
 * Strip plot of one metric in one mode: x = version (baseline, candidate), y = value, one point per run (spread by round
 * within the version's band), the median as a wide tick and the 95% CI as a bar where there is one.
 * Invalid runs are red crosses whose tooltip gives the reasons (triangles at the edge when off the axis).
 */
export function runsPlotSpec(input: RunsPlotInput): TopLevelSpec {
  const withCi = input.sides.filter((side) => side.lo !== null && side.hi !== null);
  return {
    width: 160,
    height: PLOT_HEIGHT,
    config: plotConfig(),
    title: withCi.length > 0 ? "runs, median, 95% CI" : "runs, median (no CI)",
    layer: [
      // Vega warns of an empty extent: a layer without data is left out.
      ...(withCi.length > 0 ? [ciLayer(input, withCi)] : []),
      ...(input.sides.length > 0 ? [medianLayer(input)] : []),
      ...(input.points.length > 0 ? [pointsLayer(input)] : []),
    ],
  };
}

/** Baseline then candidate, labelled by role (the run-order legend names the versions). */
function xRole() {
  return {
    field: "role",
    type: "nominal" as const,
    title: null,
    scale: { domain: ["baseline", "candidate"], paddingInner: 0.25 },
    axis: { labelAngle: 0 },
  };
}

function yValue(input: RunsPlotInput, field: string) {
  return {
    field,
    type: "quantitative" as const,
    title: axisTitle(input.metric),
    scale: input.domain ? { zero: false, nice: false, domain: input.domain } : { zero: false, nice: true },
  };
}

/** The 95% CI of each version that has one: a translucent bar in the version's colour. */
function ciLayer(input: RunsPlotInput, withCi: readonly SideMark[]): Layer {
  return {
    data: { values: [...withCi] },
    mark: { type: "rule", strokeWidth: 4, opacity: 0.35 },
    encoding: {
      x: xRole(),
      y: yValue(input, "lo"),
      y2: { field: "hi" },
      color: groupColor(input.style, false),
      ...describedBy("ciLabel"),
    },
  };
}

/** The median of each version's valid runs: a dark tick across the version's band. */
function medianLayer(input: RunsPlotInput): Layer {
  return {
    data: { values: [...input.sides] },
    mark: { type: "tick", thickness: 2, size: 56, color: "#222" },
    encoding: { x: xRole(), y: yValue(input, "median"), ...describedBy("label") },
  };
}

/** One point per run, spread by round within its version's band. */
function pointsLayer(input: RunsPlotInput): Layer {
  return {
    data: { values: [...input.points] },
    mark: { type: "point", filled: true, size: 55, opacity: 0.9 },
    encoding: {
      x: xRole(),
      xOffset: { field: "round", type: "ordinal" },
      y: yValue(input, "shown"),
      color: groupColor(input.style, false),
      shape: groupShape(input.style, false),
      ...describedBy("label"),
    },
  };
}
