import type { LoadShape } from "./LoadDriver.js";

export interface K6CommandInput {
  script: string;
  baseUrl: string;
  /** Names of the benchmark's functions, passed as `FUNCTION` (comma-separated when several). */
  functions: readonly string[];
  load: LoadShape;
  seed: number;
}

/** Trend stats of the measured run: k6's defaults plus p(99). */
export const K6_TREND_STATS = "avg,min,med,max,p(90),p(95),p(99)";

/**
 * The measured run, as an argument list: `k6 run --summary-export=<file> --summary-trend-stats=...
 * [--stage d:t]... -e KEY=VALUE... <script>`. The load shape reaches the script as environment
 * variables (BASE_URL, FUNCTION, PHASE, DURATION_S, CONNECTIONS, RATE, TIMEOUT_S, SEED); only
 * `load.k6.stages` is imposed, and those replace the script's own scenarios.
 */
export function buildK6Command(input: K6CommandInput, summaryPath: string): string[] {
  const stages = (input.load.k6?.stages ?? []).flatMap((s) => ["--stage", `${s.duration}:${s.target}`]);
  return [
    "k6",
    "run",
    `--summary-export=${summaryPath}`,
    `--summary-trend-stats=${K6_TREND_STATS}`,
    ...stages,
    ...envFlags(input, "measure"),
    input.script,
  ];
}

/**
 * The discarded warm-up: the script's default function for `warmup_s` at `connections` VUs, its
 * thresholds off. k6 lets `--vus`/`--duration` replace the script's scenarios, so the warm-up has
 * the same shape whatever the script's own load profile is.
 */
export function buildK6WarmupCommand(input: K6CommandInput): string[] {
  return [
    "k6",
    "run",
    "--quiet",
    "--no-thresholds",
    "--vus",
    String(input.load.connections),
    "--duration",
    `${Math.max(1, Math.round(input.load.warmup_s * 1000))}ms`,
    ...envFlags(input, "warmup"),
    input.script,
  ];
}

/** How long to let a k6 run take before the target kills it: twice the expected time plus two minutes. */
export function k6TimeoutMs(load: LoadShape, phase: "warmup" | "measure"): number {
  const stages = (load.k6?.stages ?? []).reduce((sum, s) => sum + (parseK6DurationS(s.duration) ?? 0), 0);
  const expectedS = phase === "warmup" ? load.warmup_s : Math.max(stages, load.duration_s);
  return Math.max(600_000, Math.ceil(2 * expectedS * 1000 + 120_000));
}

/** Seconds of a k6 duration such as `30s`, `1m30s`, `1h`, `250ms`; null when unreadable. */
export function parseK6DurationS(text: string): number | null {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text.trim()) return null;
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * (unit[p[2] ?? "s"] ?? 1), 0);
}

function envFlags(input: K6CommandInput, phase: "warmup" | "measure"): string[] {
  const env: Record<string, string> = {
    BASE_URL: input.baseUrl,
    FUNCTION: input.functions.join(","),
    PHASE: phase,
    DURATION_S: String(phase === "warmup" ? input.load.warmup_s : input.load.duration_s),
    CONNECTIONS: String(input.load.connections),
    TIMEOUT_S: String(input.load.timeout_s),
    SEED: String(input.seed),
  };
  if (input.load.rate !== undefined) env.RATE = String(input.load.rate);
  return Object.entries(env).flatMap(([key, value]) => ["-e", `${key}=${value}`]);
}
