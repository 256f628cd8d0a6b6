import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { StagingError } from "../../../../src/errors/StagingError.js";
import { burnerArgv, killBurners, shellAbove, startBurner } from "./cpuBurner.js";
import { readPaths } from "./readPaths.js";

afterEach(killBurners);

/** The CPU the burner uses: long enough to tell counting it from not counting it. */
const BURN_MS = 300;
/**
 * process.cpuUsage() truncates user and system time to whole µs each: a line's value may be up to
 * 2 µs under the CPU the process had used when it was printed.
 */
/** What an idle node process may run between two reads a moment apart (timers, a GC), in ns. */
const IDLE_NS = 5_000_000;
const TRUNCATION_NS = 2_000;
/**
 * The CPU of the shells above the burner: dash forking and waiting for one command uses about 1 ms
 * of CPU; this leaves room for a slow, busy machine (it is CPU time, not elapsed time).
 */
const SHELL_NS = 50_000_000;

describe.each(readPaths())("processTreeCpu on %s", (_name, path) => {
  const processTreeCpu = (pid: number) => path!.reader.processTreeCpu(pid);

  it.skipIf(!path)("agrees with what the process reports about its own CPU", async () => {
    const { child, lines } = startBurner(burnerArgv(BURN_MS));
    const before = await lines.nth(0);
    const reading = await processTreeCpu(child.pid!);
    child.kill("SIGUSR2");
    const after = await lines.nth(1);
    expect(reading.source).toBe("schedstat");
    expect(reading.pids).toBe(1);
    expect(before.ns).toBeGreaterThanOrEqual(BURN_MS * 1e6);
    expect(reading.ns).toBeGreaterThanOrEqual(before.ns);
    expect(reading.ns).toBeLessThanOrEqual(after.ns + TRUNCATION_NS);
  });

  it.skipIf(!path)("counts the child of a shell, and the shell itself once", async () => {
    const { child, lines } = startBurner(shellAbove(burnerArgv(BURN_MS)));
    const before = await lines.nth(0);
    const tree = await processTreeCpu(child.pid!);
    const burner = await processTreeCpu(before.pid);
    process.kill(before.pid, "SIGUSR2");
    const after = await lines.nth(1);
    expect(tree.pids).toBe(2);
    expect(burner.ns).toBeGreaterThanOrEqual(before.ns);
    expect(burner.ns).toBeLessThanOrEqual(after.ns + TRUNCATION_NS);
    // The burner is read after the tree: what it ran in between (its event loop, a GC) is in
    // `burner` only, so the shell's share may come out a little below zero, never far.
    expect(tree.ns - burner.ns).toBeGreaterThanOrEqual(-IDLE_NS);
    expect(tree.ns - burner.ns).toBeLessThan(SHELL_NS);
  });

  it.skipIf(!path)("counts a grandchild", async () => {
    const { child, lines } = startBurner(shellAbove(shellAbove(burnerArgv(BURN_MS))));
    const before = await lines.nth(0);
    const tree = await processTreeCpu(child.pid!);
    expect(tree.pids).toBe(3);
    expect(tree.ns).toBeGreaterThanOrEqual(before.ns);
    expect(tree.ns).toBeLessThan(before.ns + 2 * SHELL_NS);
  });

  it.skipIf(!path)("keeps reading while children start and exit during the reads", async () => {
    const churn = spawn("sh", ["-c", "while :; do sleep 0.01; done"], { detached: true, stdio: "ignore" });
    try {
      const seen = new Set<number>();
      for (let i = 0; i < 50; i++) {
        const reading = await processTreeCpu(churn.pid!);
        expect(reading.source).toBe("schedstat");
        seen.add(reading.pids);
      }
      expect([...seen].every((pids) => pids === 1 || pids === 2)).toBe(true);
    } finally {
      process.kill(-churn.pid!, "SIGKILL");
    }
  });

  it.skipIf(!path)("names the process when it is not running", async () => {
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await once(gone, "exit");
    const error = await processTreeCpu(gone.pid!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect(error).toMatchObject({ code: "E_CPU_PROCESS_GONE", facts: { pid: gone.pid } });
  });
});
