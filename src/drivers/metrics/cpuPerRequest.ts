import type { CpuReading } from "./CpuReading.js";

/**
 * Seconds of CPU per request served between two readings. Null when no request was served, when the
 * readings come from different sources (their resolutions differ), or when the counter went back
 * (the container restarted, or a process of the tree exited and took its time with it).
 */
export function cpuPerRequest(start: CpuReading, end: CpuReading, requests: number): number | null {
  if (!(requests > 0) || start.source !== end.source) return null;
  const ns = end.ns - start.ns;
  if (ns < 0) return null;
  return ns / 1e9 / requests;
}
