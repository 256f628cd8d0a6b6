import type { Config, TopLevelSpec } from "vega-lite";
import type { Verdict } from "../Aggregate.js";
import { INVALID_STATUS } from "./plotData.js";
import { OFF_ABOVE, OFF_BELOW } from "./valueAxis.js";

/** One layer of a layered Vega-Lite spec. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>["layer"][number];

/** One font for every plot: the SVG names it, and text widths are estimated from it, not measured. */
export const PLOT_FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
/** Baseline, candidate, invalid run. */
export const GROUP_COLORS: readonly string[] = ["#4c78a8", "#f58518", "#d62728"];
export const PLOT_HEIGHT = 200;
/** The colour of each verdict in the ratio plots (the badges' hues). */
export const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  improved: "#2ca02c",
  regressed: "#d62728",
  equivalent: "#4c78a8",
  inconclusive: "#7f7f7f",
  "too few rounds": "#e0a100",
  "n/a": "#bbbbbb",
};

/** The fixed Vega-Lite config of every plot: no defaults taken from the environment. */
export function plotConfig(): Config {
  return {
    font: PLOT_FONT,
    background: "white",
    padding: 8,
    view: { stroke: "#ccc" },
    axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal", gridColor: "#e6e6e6" },
    legend: { orient: "bottom", direction: "vertical", labelFontSize: 11, labelLimit: 300 },
    title: { fontSize: 12, fontWeight: "normal", anchor: "start", color: "#333" },
  };
}

/** The groups a plot draws, in legend order, with their colour and point shape. */
export interface GroupStyle {
  domain: string[];
  colors: string[];
  shapes: string[];
}

/**
 * The groups the points of a plot fall in, in legend order: baseline, candidate, then the kinds of
 * invalid run drawn (a red cross; a red triangle at the edge for one off the axis). Only what is
 * drawn is in the legend.
 */
export function groupStyle(
  baseline: string,
  candidate: string,
  points: ReadonlyArray<{ group: string }>,
): GroupStyle {
  const present = new Set(points.map((p) => p.group));
  const styles: Array<[string, string, string]> = [
    [baseline, GROUP_COLORS[0]!, "circle"],
    [candidate, GROUP_COLORS[1]!, "circle"],
    [INVALID_STATUS, GROUP_COLORS[2]!, "cross"],
    [OFF_ABOVE, GROUP_COLORS[2]!, "triangle-up"],
    [OFF_BELOW, GROUP_COLORS[2]!, "triangle-down"],
  ];
  const drawn = styles.filter(([group]) => present.has(group));
  return {
    domain: drawn.map(([group]) => group),
    colors: drawn.map(([, color]) => color),
    shapes: drawn.map(([, , shape]) => shape),
  };
}

/**
 * Colour of a point, line or bar by its `group`: baseline blue, candidate orange, an invalid run red.
 * Every layer uses this one definition, so the layers share one scale (and one legend).
 */
export function groupColor(style: GroupStyle, legend: boolean) {
  return {
    field: "group",
    type: "nominal" as const,
    scale: { domain: style.domain, range: style.colors },
    legend: legend ? { title: null } : null,
  };
}

/** Circle for a valid run, cross for an invalid one; same field as the colour, so one legend. */
export function groupShape(style: GroupStyle, legend: boolean) {
  return {
    field: "group",
    type: "nominal" as const,
    scale: { domain: style.domain, range: style.shapes },
    legend: legend ? { title: null } : null,
  };
}

/**
 * Tooltip and accessible description of a mark from one text field: Vega writes it to the mark's
 * aria-label, from which `svgTitles` makes the SVG `<title>` a browser shows on hover.
 */
export function describedBy(field: string) {
  return {
    tooltip: { field, type: "nominal" as const },
    description: { field, type: "nominal" as const },
  };
}
