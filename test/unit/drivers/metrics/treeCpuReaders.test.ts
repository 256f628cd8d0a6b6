import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { listProcessTree } from "../../../../src/drivers/metrics/listProcessTree.js";
import { readTreeCpuLocal } from "../../../../src/drivers/metrics/readTreeCpuLocal.js";
import { parseTreeCpuOutput, treeCpuArgv } from "../../../../src/drivers/metrics/treeCpuScript.js";
import { statCpuTicks, toCpuReading, type TreeCpu } from "../../../../src/drivers/metrics/TreeCpu.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import { useTmpDir, type Tree } from "../../../helpers/useTmpDir.js";

/** A node process's stat line from this machine (utime 5, stime 0, cutime 0, cstime 0), renamed and re-parented. */
const statLine = (pid: number, ppid: number, name = "node", ticks = [5, 0, 0, 0]) =>
  `${pid} (${name}) S ${ppid} 19423 10301 0 -1 4194304 2155 0 0 0 ${ticks.join(" ")} 20 0 7 0 105604 745713664 9707 18446744073709551615 0\n`;

interface FakeProcess {
  ppid: number;
  /** Thread id -> nanoseconds on CPU (the first schedstat field). */
  threads: Record<number, number>;
  children?: number[];
  ticks?: number[];
  name?: string;
}

/**
 * A /proc tree in a temp dir with the files the readers use. `schedstat: false` is a kernel without
 * CONFIG_SCHED_INFO; `childrenFiles: false` one without CONFIG_PROC_CHILDREN.
 */
function fakeProc(
  processes: Record<number, FakeProcess>,
  options: { schedstat?: boolean; childrenFiles?: boolean } = {},
): string {
  const tree: Tree = {};
  for (const [pid, p] of Object.entries(processes)) {
    tree[`${pid}/stat`] = statLine(Number(pid), p.ppid, p.name, p.ticks);
    for (const [tid, ns] of Object.entries(p.threads)) {
      // Real schedstat: ns on CPU, ns waiting on a run queue, timeslices.
      if (options.schedstat !== false) tree[`${pid}/task/${tid}/schedstat`] = `${ns} 2210631 34\n`;
      else tree[`${pid}/task/${tid}/stat`] = statLine(Number(tid), p.ppid);
      const children = Number(tid) === Number(pid) ? (p.children ?? []) : [];
      if (options.childrenFiles !== false)
        tree[`${pid}/task/${tid}/children`] = children.map((c) => `${c} `).join("");
    }
  }
  return useTmpDir(tree);
}

/** The POSIX shells a target may have as `sh`, those installed here. */
const SHELLS = [["sh"], ["bash", "--posix"], ["busybox", "sh"]].filter(
  ([program]) => spawnSync("sh", ["-c", 'command -v "$1"', "sh", program!]).status === 0,
);

/**
 * Every reader of one tree: the in-process one, and the script a remote target runs, under each
 * shell found here. They must all agree, so the result is given once.
 */
async function readAll(root: number, proc: string): Promise<Array<TreeCpu | null>> {
  const reads = [readTreeCpuLocal(root, proc)];
  for (const shell of SHELLS) {
    const [, ...args] = treeCpuArgv(root, proc);
    const result = await new LocalTarget().run([...shell, ...args]);
    expect(result.stderr).toBe("");
    reads.push(parseTreeCpuOutput(result.stdout)?.tree ?? null);
  }
  expect(reads.length).toBeGreaterThanOrEqual(2);
  return reads;
}

const family: Record<number, FakeProcess> = {
  100: { ppid: 1, threads: { 100: 1_000_000, 101: 20_000 }, children: [200, 300] },
  200: { ppid: 100, threads: { 200: 300_000_000 }, children: [400] },
  300: { ppid: 100, threads: { 300: 5, 301: 7 }, name: "a) b (c" },
  400: { ppid: 200, threads: { 400: 40_000_000 } },
  // Not in the tree: its parent is the root's parent.
  500: { ppid: 1, threads: { 500: 999_999_999 } },
};
const familyNs = 1_000_000 + 20_000 + 300_000_000 + 5 + 7 + 40_000_000;

describe("reading a process tree's CPU (this process and the remote shell agree)", () => {
  it("sums the schedstat of every thread of the process, its children and its grandchildren", async () => {
    const proc = fakeProc(family);
    expect(listProcessTree(100, proc)).toEqual([100, 200, 300, 400]);
    for (const tree of await readAll(100, proc))
      expect(tree).toEqual({ source: "schedstat", ns: familyNs, pids: 4 });
  });

  it("finds children through parent pids when the kernel has no children files", async () => {
    const proc = fakeProc(family, { childrenFiles: false });
    expect(listProcessTree(100, proc).sort()).toEqual([100, 200, 300, 400]);
    for (const tree of await readAll(100, proc))
      expect(tree).toEqual({ source: "schedstat", ns: familyNs, pids: 4 });
  });

  it("falls back to each process's stat ticks, reaped children included, without schedstat", async () => {
    const proc = fakeProc(
      {
        100: { ppid: 1, threads: { 100: 0, 101: 0 }, children: [200], ticks: [120, 30, 7, 3] },
        200: { ppid: 100, threads: { 200: 0 }, ticks: [50, 0, 0, 0] },
      },
      { schedstat: false },
    );
    for (const tree of await readAll(100, proc))
      expect(tree).toEqual({ source: "stat", ticks: 210, pids: 2 });
  });

  it("leaves out a child that exited between the listing and the read", async () => {
    const proc = fakeProc({ 100: { ppid: 1, threads: { 100: 1_000 }, children: [200, 201] } });
    // 200 and 201 are listed as children but have no /proc entry any more.
    for (const tree of await readAll(100, proc))
      expect(tree).toEqual({ source: "schedstat", ns: 1_000, pids: 1 });
  });

  it("does not walk in circles when a pid comes back as a child of its own descendant", async () => {
    const proc = fakeProc({
      100: { ppid: 1, threads: { 100: 1 }, children: [200] },
      200: { ppid: 100, threads: { 200: 2 }, children: [100] },
    });
    for (const tree of await readAll(100, proc))
      expect(tree).toEqual({ source: "schedstat", ns: 3, pids: 2 });
  });

  it("says nothing was read when the root process is gone", async () => {
    const proc = fakeProc({ 100: { ppid: 1, threads: { 100: 1 } } });
    expect(new Set(await readAll(42, proc))).toEqual(new Set([null]));
    const script = await new LocalTarget().run(treeCpuArgv(42, proc));
    expect(script.stdout).toBe("gone\n");
  });
});

describe("statCpuTicks", () => {
  it("adds utime, stime, cutime and cstime, counting fields after the last parenthesis", () => {
    expect(statCpuTicks(statLine(7, 1, "x) 1 2 3 (y", [1, 2, 3, 4]))).toBe(10);
  });

  it("refuses a line too short to hold them", () => {
    expect(statCpuTicks("7 (x) S 1 2 3")).toBeNull();
  });
});

describe("toCpuReading", () => {
  it("turns stat ticks into nanoseconds at the target's clock rate", () => {
    expect(toCpuReading({ source: "stat", ticks: 250, pids: 3 }, 100)).toEqual({
      ns: 2_500_000_000,
      source: "stat",
      pids: 3,
    });
    expect(toCpuReading({ source: "stat", ticks: 250, pids: 3 }, 250).ns).toBe(1_000_000_000);
  });
});

describe("the script's output", () => {
  it("reads the clock rate the target reports with stat lines", () => {
    const out = "clk 250\nt 100 S 1 1 1 0 -1 0 0 0 0 0 500 250 0 0 20\n";
    expect(parseTreeCpuOutput(out)).toEqual({
      tree: { source: "stat", ticks: 750, pids: 1 },
      clockTicks: 250,
    });
  });
});
