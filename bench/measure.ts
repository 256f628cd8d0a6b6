import { spawnSync } from "node:child_process";

/** Wall time of a command in ms, median of `repeat` runs (after one unmeasured warm run when asked). */
export function timeCommand(
  argv: string[],
  options: { cwd: string; repeat?: number; warm?: boolean; env?: NodeJS.ProcessEnv },
): number {
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr?.toString()}`);
    return ms;
  };
  if (options.warm) once();
  const times = Array.from({ length: options.repeat ?? 5 }, once).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export function has(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}
