import type { Config, TopLevelSpec } from "vega-lite";
import { INVALID_STATUS } from "./plotData.js";

/** One layer of a layered Vega-Lite spec. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>["layer"][number];

/** One font for every plot: the SVG names it, and text widths are estimated from it, not measured. */
export const PLOT_FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
/** Baseline, candidate, invalid run. */
export const GROUP_COLORS: readonly string[] = ["#4c78a8", "#f58518", "#d62728"];
export const PLOT_HEIGHT = 200;

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

/**
 * Colour of a point, line or bar by its `group`: baseline blue, candidate orange, an invalid run red.
 * Every layer uses this one definition, so the layers share one scale (and one legend).
 */
export function groupColor(baseline: string, candidate: string, legend: boolean) {
  return {
    field: "group",
    type: "nominal" as const,
    scale: { domain: [baseline, candidate, INVALID_STATUS], range: [...GROUP_COLORS] },
    legend: legend ? { title: null } : null,
  };
}

/** Circle for a valid run, cross for an invalid one; same field as the colour, so one legend. */
export function groupShape(baseline: string, candidate: string, legend: boolean) {
  return {
    field: "group",
    type: "nominal" as const,
    scale: { domain: [baseline, candidate, INVALID_STATUS], range: ["circle", "circle", "cross"] },
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
