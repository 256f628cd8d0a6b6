import type { TopLevelSpec } from "vega-lite";
import type { Verdict } from "../Aggregate.js";
import type { ForestRow } from "./forestRows.js";
import { describedBy, type Layer, plotConfig, VERDICT_COLORS } from "./plotTheme.js";

/** The axis never spans more than ×4 either way: a wider interval is cut there, with an arrow. */
const LIMIT = 4;
const ROW_STEP = 22;
const VERDICT_ORDER: readonly Verdict[] = [
  "improved",
  "regressed",
  "equivalent",
  "inconclusive",
  "too few rounds",
];
const TICKS = [0.25, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 4];

/** A row as drawn: its interval cut to the axis, where it was cut, and its tooltip. */
interface DrawnRow extends ForestRow {
  x: number;
  x1: number | null;
  x2: number | null;
  tip: string;
  bandTip: string;
}

/**
 * A forest plot: a row per metric, the ratio candidate / baseline on a log axis with a vertical
 * line at 1 (no change), the noise band shaded grey around it, the interval as a bar and the
 * estimate as a dot, coloured by verdict; beside it, the change and verdict in words. Rows keep
 * the order given. An interval beyond ×4 either way is cut at the edge and marked with an arrow.
 */
export function forestPlotSpec(rows: readonly ForestRow[], title: string): TopLevelSpec {
  const domain = axisDomain(rows);
  const drawn = rows.map((row) => place(row, domain));
  const enc = encodings(rows, domain);
  return {
    config: plotConfig(),
    title,
    hconcat: [
      { width: 360, height: { step: ROW_STEP }, layer: layers(drawn, domain, enc) },
      {
        width: 200,
        height: { step: ROW_STEP },
        view: { stroke: null },
        data: { values: drawn },
        mark: { type: "text", align: "left", x: 0, fontSize: 11, color: "#333" },
        encoding: { y: { ...enc.y, axis: null }, text: { field: "text" } },
      },
    ],
    resolve: { scale: { y: "shared" } },
  };
}

type Encodings = ReturnType<typeof encodings>;

/** The shared channels: the row on y, the ratio on a log x, the verdict's colour (legend: only those drawn). */
function encodings(rows: readonly ForestRow[], domain: [number, number]) {
  const verdicts = VERDICT_ORDER.filter((v) => rows.some((row) => row.verdict === v));
  return {
    y: { field: "label", type: "nominal" as const, sort: null, title: null, axis: { labelLimit: 320 } },
    x: (field: string) => ({
      field,
      type: "quantitative" as const,
      title: "candidate / baseline (log scale; 1 = no change)",
      scale: { type: "log" as const, domain, nice: false },
      axis: { values: TICKS.filter((t) => t >= domain[0] && t <= domain[1]), format: "~g" },
    }),
    color: {
      field: "verdict",
      type: "nominal" as const,
      scale: { domain: verdicts, range: verdicts.map((v) => VERDICT_COLORS[v]) },
      legend: { title: null, orient: "bottom" as const, direction: "horizontal" as const },
    },
  };
}

/** Band, the line at 1, intervals, arrows where cut, estimates; a layer without data is left out. */
function layers(drawn: readonly DrawnRow[], domain: [number, number], { x, y, color }: Encodings): Layer[] {
  const withCi = drawn.filter((row) => row.x1 !== null);
  const cut = drawn.flatMap((row) => arrows(row, domain));
  const band: Layer = {
    name: "band",
    data: { values: [...drawn] },
    mark: { type: "rect", color: "#e6e6e6", height: { band: 0.8 } },
    encoding: { y, x: x("bandLo"), x2: { field: "bandHi" }, ...describedBy("bandTip") },
  };
  const noChange: Layer = {
    name: "no_change",
    data: { values: [{ one: 1 }] },
    mark: { type: "rule", color: "#555", strokeDash: [4, 3], aria: false },
    encoding: { x: x("one") },
  };
  const interval: Layer = {
    name: "interval",
    data: { values: withCi },
    mark: { type: "rule", strokeWidth: 3 },
    encoding: { y, x: x("x1"), x2: { field: "x2" }, color, ...describedBy("tip") },
  };
  const arrowsLayer: Layer = {
    name: "cut",
    data: { values: cut },
    mark: { type: "point", filled: true, size: 60 },
    encoding: {
      y,
      x: x("x"),
      color,
      shape: { field: "shape", type: "nominal", scale: null },
      ...describedBy("tip"),
    },
  };
  const estimate: Layer = {
    name: "estimate",
    data: { values: [...drawn] },
    mark: { type: "point", filled: true, size: 55, opacity: 1 },
    encoding: { y, x: x("x"), color, ...describedBy("tip") },
  };
  return [
    band,
    noChange,
    ...(withCi.length > 0 ? [interval] : []),
    ...(cut.length > 0 ? [arrowsLayer] : []),
    estimate,
  ];
}

/** The span of the rows' intervals, estimates and bands, at least 0.9 to 1.1, at most ×4 either way. */
function axisDomain(rows: readonly ForestRow[]): [number, number] {
  const values = rows.flatMap((r) => [
    r.estimate,
    r.lo ?? r.estimate,
    r.hi ?? r.estimate,
    r.bandLo,
    r.bandHi,
  ]);
  const lo = Math.max(1 / LIMIT, Math.min(0.9, ...values) / 1.04);
  const hi = Math.min(LIMIT, Math.max(1.1, ...values) * 1.04);
  return [lo, hi];
}

function place(row: ForestRow, [lo, hi]: [number, number]): DrawnRow {
  const clip = (v: number) => Math.min(hi, Math.max(lo, v));
  const interval = row.lo === null || row.hi === null ? "no interval yet" : "";
  return {
    ...row,
    x: clip(row.estimate),
    x1: row.lo === null ? null : clip(row.lo),
    x2: row.hi === null ? null : clip(row.hi),
    tip: `${row.label}: ${row.text}${interval ? ` (${interval})` : ""}`,
    bandTip: `${row.label}: noise band ${percent(row.bandLo)} to ${percent(row.bandHi)}`,
  };
}

/** An arrow at each edge the row's interval (or estimate) was cut at. */
function arrows(row: DrawnRow, [lo, hi]: [number, number]): Array<Record<string, unknown>> {
  const low = Math.min(row.lo ?? row.estimate, row.estimate);
  const high = Math.max(row.hi ?? row.estimate, row.estimate);
  const out: Array<Record<string, unknown>> = [];
  const base = { label: row.label, verdict: row.verdict };
  if (low < lo)
    out.push({ ...base, x: lo, shape: "triangle-left", tip: `${row.tip}: goes on past the axis` });
  if (high > hi)
    out.push({ ...base, x: hi, shape: "triangle-right", tip: `${row.tip}: goes on past the axis` });
  return out;
}

function percent(ratio: number): string {
  const change = 100 * (ratio - 1);
  return `${change > 0 ? "+" : ""}${change.toFixed(1)}%`;
}
