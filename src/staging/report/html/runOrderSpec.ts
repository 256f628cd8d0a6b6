import type { TopLevelSpec } from "vega-lite";
import type { RunPoint } from "./plotData.js";
import {
  groupColor,
  groupShape,
  type GroupStyle,
  type Layer,
  plotConfig,
  PLOT_HEIGHT,
  describedBy,
} from "./plotTheme.js";
import { axisTitle } from "./plotUnit.js";

/** What a run-order plot shows: one metric in one mode over the rounds of the campaign. */
export interface RunOrderInput {
  metric: string;
  /** Rounds of the campaign: the x axis spans 1..rounds even where a round has no value. */
  rounds: number;
  points: readonly RunPoint[];
  /** The value axis (fitted to the valid runs); null lets the plot span every value. */
  domain: [number, number] | null;
  style: GroupStyle;
}

/**
 * Value by round, one line per version through its valid runs, a point per run (invalid runs as red
 * crosses): a trend along the rounds is drift, a first round apart from the others is warm state.
 */
export function runOrderSpec(input: RunOrderInput): TopLevelSpec {
  const valid = input.points.filter((point) => point.valid);
  return {
    width: 240,
    height: PLOT_HEIGHT,
    config: plotConfig(),
    title: "run order",
    layer: [
      // Vega warns of an empty extent: a layer without data is left out.
      ...(valid.length > 0 ? [linesLayer(input, valid)] : []),
      ...(input.points.length > 0 ? [pointsLayer(input)] : []),
    ],
  };
}

function xRound(input: RunOrderInput) {
  const last = Math.max(1, input.rounds, ...input.points.map((point) => point.round));
  return {
    field: "round",
    type: "quantitative" as const,
    title: "round",
    scale: { domain: [1, last], nice: false, padding: 12 },
    axis: { format: "d", values: roundTicks(last) },
  };
}

function yValue(input: RunOrderInput) {
  return {
    field: "shown",
    type: "quantitative" as const,
    title: axisTitle(input.metric),
    scale: input.domain ? { zero: false, nice: false, domain: input.domain } : { zero: false, nice: true },
  };
}

/** One line per version through its valid runs, in round order. */
function linesLayer(input: RunOrderInput, valid: readonly RunPoint[]): Layer {
  return {
    data: { values: [...valid] },
    mark: { type: "line", strokeWidth: 1.5, opacity: 0.7 },
    encoding: {
      x: xRound(input),
      y: yValue(input),
      color: groupColor(input.style, true),
      order: { field: "round", type: "quantitative" },
    },
  };
}

/** One point per run; the legend (version colours, the invalid cross) is drawn here. */
function pointsLayer(input: RunOrderInput): Layer {
  return {
    data: { values: [...input.points] },
    mark: { type: "point", filled: true, size: 55, opacity: 0.9 },
    encoding: {
      x: xRound(input),
      y: yValue(input),
      color: groupColor(input.style, true),
      shape: groupShape(input.style, true),
      ...describedBy("label"),
    },
  };
}

/** A tick per round 1..last; past 25 rounds, every k-th round so the labels do not overlap. */
function roundTicks(last: number): number[] {
  const step = Math.max(1, Math.ceil(last / 25));
  const ticks: number[] = [];
  for (let round = 1; round <= last; round += step) ticks.push(round);
  return ticks;
}
