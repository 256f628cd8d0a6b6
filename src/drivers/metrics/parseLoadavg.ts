/** The load averages of `/proc/loadavg`: runnable and uninterruptible tasks, averaged over 1, 5 and 15 minutes. */
export interface Loadavg {
  load1: number;
  load5: number;
  load15: number;
}

/** Parses `/proc/loadavg` (`0.52 0.58 0.59 1/467 12345`); null when it is not such a line. */
export function parseLoadavg(text: string): Loadavg | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s/.exec(text);
  if (!match) return null;
  return { load1: Number(match[1]), load5: Number(match[2]), load15: Number(match[3]) };
}
