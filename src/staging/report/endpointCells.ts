import type { CellSummary, CellWindow } from "./CampaignInput.js";

/** The metrics compared per request name: latency, throughput and failures. */
export const ENDPOINT_METRICS: readonly string[] = ["p95", "throughput", "fail_rate"];

/** The request names any of the cells recorded figures for, sorted (whatever order the cells came in). */
export function endpointNames(cells: readonly CellSummary[]): string[] {
  const names = new Set<string>();
  for (const cell of cells) for (const name of Object.keys(cell.endpoints ?? {})) names.add(name);
  return [...names].sort();
}

/**
 * The cells as seen by one request name: each run keeps its version, round and validity (a run
 * is valid or not as a whole), and its metrics and windows become that name's own figures. A run
 * without figures for the name has none, and says so.
 */
export function endpointCells(cells: readonly CellSummary[], name: string): CellSummary[] {
  return cells.map((cell) => {
    const endpoint = cell.endpoints?.[name];
    const { endpoints: _endpoints, histogram: _histogram, unavailable: _unavailable, ...run } = cell;
    return {
      ...run,
      metrics: endpoint ? { ...endpoint.metrics } : {},
      unavailable: endpoint
        ? {}
        : Object.fromEntries(ENDPOINT_METRICS.map((m) => [m, `no figures for ${name} in this run`])),
      ...(cell.windows ? { windows: cell.windows.map((w) => windowOf(w, name)) } : {}),
    };
  });
}

function windowOf(window: CellWindow, name: string): CellWindow {
  const figures = window.endpoints?.[name];
  const { endpoints: _endpoints, cpuPerRequest: _cpu, ...rest } = window;
  return {
    ...rest,
    latencyUs: figures?.latencyUs ?? { p50: null },
    throughput: figures?.throughput ?? null,
  };
}
