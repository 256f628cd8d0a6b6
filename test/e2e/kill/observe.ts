import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * What a campaign shows from outside, without knowing its node ids: the measurements it
 * completed (the prototype layout's cell files), the lines of its store's log, and the
 * processes of the workspace with the sockets they listen on.
 */

/** `campaigns/<id>/runs/run-NNN/<slug>__<mode>/cell-summary.json`, every campaign folder listed. */
export function cellFiles(ws: string): string[] {
  const out: string[] = [];
  const campaigns = join(ws, "campaigns");
  for (const id of list(campaigns))
    for (const run of list(join(campaigns, id, "runs")))
      for (const cell of list(join(campaigns, id, "runs", run))) {
        const file = join(campaigns, id, "runs", run, cell, "cell-summary.json");
        if (existsSync(file)) out.push(file);
      }
  return out.sort();
}

/** Each cell file's inode and mtime: a measurement repeated would rewrite its file. */
export function cellStamps(ws: string): Map<string, string> {
  return new Map(
    cellFiles(ws).map((f) => {
      const s = statSync(f, { bigint: true });
      return [f, `${s.ino}:${s.mtimeNs}`];
    }),
  );
}

export function logLines(ws: string): number {
  try {
    return readFileSync(join(ws, ".staging/records.log"), "utf8").split("\n").length - 1;
  } catch {
    return 0;
  }
}

/**
 * Every cell file is older than the last append to the store's log: each measurement on disk is
 * committed (its record follows its files at once). A kill now cannot catch a run between its
 * files and its record, where the engine, by design, measures it again.
 */
export function settled(ws: string): boolean {
  const log = join(ws, ".staging/records.log");
  if (!existsSync(log)) return cellFiles(ws).length === 0;
  const logged = statSync(log, { bigint: true }).mtimeNs;
  return cellFiles(ws).every((f) => statSync(f, { bigint: true }).mtimeNs <= logged);
}

/** Live processes (zombies left out) whose command line names the workspace folder. */
export function workspaceProcesses(ws: string): number[] {
  const pids: number[] = [];
  for (const name of list("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]?.startsWith("Z")) continue;
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(ws)) pids.push(Number(name));
    } catch {
      // gone
    }
  }
  return pids;
}

/** TCP ports in LISTEN owned by these processes (/proc/net/tcp and tcp6, matched by socket inode). */
export function listeningPorts(pids: readonly number[]): number[] {
  const inodes = new Set<string>();
  for (const pid of pids)
    for (const fd of list(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // closed meanwhile
      }
    }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local address:port (hex), f[3] state (0A = LISTEN), f[9] inode
      if (f[3] === "0A" && inodes.has(f[9]!)) ports.push(parseInt(f[1]!.split(":")[1]!, 16));
    }
  }
  return ports.sort((a, b) => a - b);
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
