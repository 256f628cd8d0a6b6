import { spawn, spawnSync, type ChildProcess } from "node:child_process";

/**
 * A node program that burns `argv[1]` ms of CPU, then prints `usage <pid> <µs>`: its own
 * process.cpuUsage() (user + system, all its threads), and prints it again on each SIGUSR2. In
 * between it sleeps, so its CPU time stays where it was: a reading taken between two lines lies
 * between their values.
 */
export const BURN_SCRIPT = `
const used = () => { const u = process.cpuUsage(); return u.user + u.system; };
const start = used();
let x = 0;
while (used() - start < Number(process.argv[1]) * 1000) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i);
const report = () => console.log("usage " + process.pid + " " + used());
process.on("SIGUSR2", report);
report();
setInterval(() => {}, 1 << 30);
`;

/** The CPU a burner reports about itself, in ns, with its pid. */
export interface Usage {
  pid: number;
  ns: number;
}

/** The usage lines of a burner's output as they arrive. */
export class UsageLines {
  private readonly seen: Usage[] = [];
  private waiting: Array<() => void> = [];

  feed(chunk: string): void {
    for (const match of chunk.matchAll(/usage (\d+) (\d+)/g))
      this.seen.push({ pid: Number(match[1]), ns: Number(match[2]) * 1000 });
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** The `index`-th line (from 0), once it has arrived. */
  async nth(index: number): Promise<Usage> {
    while (this.seen.length <= index) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.seen[index]!;
  }

  get count(): number {
    return this.seen.length;
  }
}

const started: ChildProcess[] = [];

/**
 * Starts `argv` in its own process group (killed whole by `killBurners`), its stdout read as usage
 * lines. Shapes: the burner itself, or shells above it.
 */
export function startBurner(argv: readonly string[]): { child: ChildProcess; lines: UsageLines } {
  const [program, ...args] = argv as [string, ...string[]];
  const child = spawn(program, args, { detached: true, stdio: ["ignore", "pipe", "inherit"] });
  started.push(child);
  const lines = new UsageLines();
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => lines.feed(chunk));
  return { child, lines };
}

/** `node -e BURN_SCRIPT ms`. */
export const burnerArgv = (ms: number): string[] => [process.execPath, "-e", BURN_SCRIPT, String(ms)];

/** A shell that runs the burner as its child (`; echo` keeps the shell from exec-ing it). */
export const shellAbove = (argv: readonly string[]): string[] => [
  "sh",
  "-c",
  '"$@"; echo exited',
  "sh",
  ...argv,
];

/** Kills every process started here: burner groups whole, `docker logs` followers (for afterEach). */
export function killBurners(): void {
  for (const child of started.splice(0)) {
    try {
      if (child.pid !== undefined)
        process.kill(child.spawnargs[0] === "docker" ? child.pid : -child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/**
 * Runs the burner in a container of `image` (host network, labelled for the sweep), its logs
 * followed as usage lines. `signal()` sends SIGUSR2 to the container's process (its pid 1).
 */
export function startBurnerContainer(
  image: string,
  labels: Record<string, string>,
  ms: number,
): { id: string; lines: UsageLines; signal(): void } {
  const labelArgs = Object.entries(labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  const run = spawnSync(
    "docker",
    ["run", "--detach", "--network", "host", ...labelArgs, image, "node", "-e", BURN_SCRIPT, String(ms)],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (run.status !== 0) throw new Error(`docker run failed: ${run.stderr}`);
  const id = run.stdout.trim();
  const lines = new UsageLines();
  const logs = spawn("docker", ["logs", "--follow", id], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(logs);
  logs.stdout.setEncoding("utf8").on("data", (chunk: string) => lines.feed(chunk));
  const signal = (): void => void spawnSync("docker", ["kill", "--signal", "USR2", id], { timeout: 30_000 });
  return { id, lines, signal };
}
