import { readFileSync, readdirSync } from "node:fs";

/** The fields of `/proc/<pid>/stat` the drivers read. */
export interface ProcStat {
  pid: number;
  /** R, S, D, Z (zombie), X (dead), ... */
  state: string;
  /** Process group id (field 5). */
  pgrp: number;
  /** Start time in clock ticks since boot (field 22): with the pid, it names one process. */
  startTicks: string;
}

/**
 * Parses a `/proc/<pid>/stat` line. The command name (field 2) is in parentheses and may itself
 * hold spaces and parentheses, so the fields are counted from the last `)`.
 */
export function parseProcStat(line: string): ProcStat | null {
  const close = line.lastIndexOf(")");
  if (close < 0) return null;
  const pid = Number(line.slice(0, line.indexOf(" ")));
  const rest = line
    .slice(close + 2)
    .trim()
    .split(/\s+/); // rest[0] is field 3
  const state = rest[0];
  const pgrp = Number(rest[2]);
  const startTicks = rest[19];
  if (!Number.isInteger(pid) || state === undefined || !Number.isInteger(pgrp) || startTicks === undefined)
    return null;
  return { pid, state, pgrp, startTicks };
}

/** The process's stat, or null when there is no such process (or no /proc). */
export function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}

/** Running (or sleeping): neither gone nor a zombie waiting to be reaped. */
export function isLive(stat: ProcStat | null): stat is ProcStat {
  return stat !== null && stat.state !== "Z" && stat.state !== "X";
}

/** Live members of a process group, found by scanning /proc (the leader may be gone). */
export function processGroupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (isLive(stat) && stat.pgrp === pgid) members.push(stat.pid);
  }
  return members;
}
