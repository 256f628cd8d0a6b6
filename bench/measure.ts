import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** One command's figures over its runs: wall times, and the peak memory of the last run when asked. */
export interface Timing {
  label: string;
  ms: number[];
  median: number;
  min: number;
  max: number;
  /** Peak resident memory of the process (VmHWM, from /usr/bin/time), KiB. */
  peakKiB?: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  runs: number;
  /** Runs first, unmeasured (a warm cache, a started daemon). @default 0 */
  warmup?: number;
  /** Before each run, measured or not (e.g. remove the cache for a cold run). */
  before?: () => void;
  /** Also record the peak memory of each run. */
  memory?: boolean;
  /** Through `sh -c` (pipelines). */
  shell?: boolean;
}

const TIME = "/usr/bin/time";

/** Wall time of whole processes, the way a user runs them: `runs` times, after `warmup` unmeasured runs. */
export function timeCommand(label: string, argv: string[], options: RunOptions): Timing {
  const once = () => {
    options.before?.();
    const memory = options.memory && existsSync(TIME);
    const command = options.shell ? ["sh", "-c", argv.join(" ")] : argv;
    const full = memory ? [TIME, "-f", "peak-kib=%M", ...command] : command;
    const t0 = performance.now();
    const r = spawnSync(full[0]!, full.slice(1), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 64 << 20,
    });
    const ms = performance.now() - t0;
    const stderr = r.stderr?.toString() ?? "";
    if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${stderr.slice(-2000)}`);
    const peak = /peak-kib=(\d+)/.exec(stderr)?.[1];
    return { ms, peakKiB: peak === undefined ? undefined : Number(peak) };
  };
  for (let i = 0; i < (options.warmup ?? 0); i++) once();
  const results = Array.from({ length: options.runs }, once);
  const ms = results.map((r) => r.ms);
  const sorted = [...ms].sort((a, b) => a - b);
  const peaks = results.map((r) => r.peakKiB).filter((p): p is number => p !== undefined);
  return {
    label,
    ms,
    median: median(sorted),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    ...(peaks.length > 0 ? { peakKiB: Math.max(...peaks) } : {}),
  };
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `1.23 s` or `45 ms`. */
export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

/** `123 ms (110–140)`. */
export function spread(t: Timing): string {
  return `${fmt(t.median)} (${fmt(t.min)}–${fmt(t.max)})`;
}

export function has(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** The version line of a tool, or "not installed". */
export function versionOf(argv: string[]): string {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim().split("\n")[0]! : "not installed";
}
