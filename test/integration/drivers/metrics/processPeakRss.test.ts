import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { processPeakRss } from "../../../../src/drivers/metrics/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";

const MiB = 1024 * 1024;
const children: ChildProcess[] = [];
/** Grandchildren, killed by pid if their parent did not take them down. */
const grandchildren: number[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const pid of grandchildren.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** Starts `node -e script` and resolves once it prints "ready". */
async function startNode(
  script: string,
  args: string[] = [],
  onReady: (out: string) => void = () => undefined,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...args, "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (!/ready.*\n/.test(out)) return;
      onReady(out);
      resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited ${code} before ready`)));
  });
  return child;
}

/** Allocates and touches `mib` MiB, frees it, collects, then waits: its peak stays, its RSS falls. */
const allocateAndFree = (mib: number) => `
  let b = Buffer.alloc(${mib} * 1024 * 1024, 1);
  b = null;
  globalThis.gc();
  setTimeout(() => { globalThis.gc(); console.log("ready"); }, 50);
  setInterval(() => {}, 1000);
`;

describe.skipIf(process.platform !== "linux")("processPeakRss on this machine", () => {
  const target = new LocalTarget();

  it("reports the peak RSS of a process that allocated ~60 MB, after it freed them", async () => {
    const child = await startNode(allocateAndFree(60), ["--expose-gc"]);
    const peak = await processPeakRss(target, child.pid!);
    expect(peak.source).toBe("VmHWM");
    expect(peak.bytes).toBeGreaterThanOrEqual(50 * MiB);
    const status = await target.readFile(`/proc/${child.pid}/status`);
    const rssKb = Number(/^VmRSS:\s*(\d+) kB/m.exec(status)?.[1]);
    expect(peak.bytes!).toBeGreaterThan(rssKb * 1024);
  });

  it("does not include the memory of the process's children", async () => {
    const baseline = await bareNodePeak();
    let childPid = 0;
    const parent = await startNode(
      `
      const { spawn } = require("node:child_process");
      const child = spawn(process.execPath, ["--expose-gc", "-e", ${JSON.stringify(allocateAndFree(60))}], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      child.stdout.on("data", () => console.log("ready " + child.pid));
      process.on("SIGTERM", () => { child.kill("SIGKILL"); process.exit(0); });
      setInterval(() => {}, 1000);
    `,
      [],
      (out) => (childPid = Number(/ready (\d+)/.exec(out)?.[1])),
    );
    grandchildren.push(childPid);
    const childPeak = await processPeakRss(target, childPid);
    const parentPeak = await processPeakRss(target, parent.pid!);
    expect(childPeak.bytes).toBeGreaterThanOrEqual(50 * MiB);
    // The parent's own peak is that of a bare node process, not that plus its child's 60 MB.
    expect(parentPeak.bytes).toBeLessThan(baseline + 30 * MiB);
    parent.kill("SIGTERM");
    await once(parent, "exit");
  });

  it("gives a reason, not a number, once the process has exited", async () => {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await once(child, "exit");
    const peak = await processPeakRss(target, child.pid!);
    expect(peak.bytes).toBeNull();
    expect(peak.reason).toMatch(
      new RegExp(`^cannot read /proc/${child.pid}/status on local \\(has process ${child.pid} exited\\?\\)`),
    );
  });
});

/** The peak RSS of a bare node process here, so the children test does not depend on node's size. */
async function bareNodePeak(): Promise<number> {
  const bare = await startNode(`console.log("ready"); setInterval(() => {}, 1000);`);
  const peak = await processPeakRss(new LocalTarget(), bare.pid!);
  if (peak.bytes === null) throw new Error(peak.reason);
  return peak.bytes;
}
