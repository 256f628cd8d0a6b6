import { describe, expect, it } from "vitest";
import { parseVmHwm, processPeakRss } from "../../../../src/drivers/metrics/index.js";
import { StagingError } from "../../../../src/errors/StagingError.js";
import type { CommandResult, Target, TargetIdentity } from "../../../../src/targets/Target.js";

const STATUS = [
  "Name:\tnode",
  "State:\tS (sleeping)",
  "Pid:\t4242",
  "VmPeak:\t 1193736 kB",
  "VmSize:\t 1128200 kB",
  "VmHWM:\t   78412 kB",
  "VmRSS:\t   61220 kB",
  "Threads:\t11",
  "",
].join("\n");

/** A target that serves files from a map, or fails reads the way a target does. */
class FilesTarget implements Target {
  readonly name = "fake";
  readonly kind = "local" as const;
  readonly reads: string[] = [];
  constructor(private readonly files: Record<string, string | Error>) {}
  readFile(path: string): Promise<string> {
    this.reads.push(path);
    const file = this.files[path];
    if (file instanceof Error) return Promise.reject(file);
    if (file === undefined) {
      return Promise.reject(
        new StagingError(`cannot read ${path} on fake`, {
          code: "E_TARGET_FILE",
          facts: { path, error: `cat: ${path}: No such file or directory` },
        }),
      );
    }
    return Promise.resolve(file);
  }
  run(): Promise<CommandResult> {
    return Promise.reject(new Error("not used"));
  }
  uploadTree(): Promise<void> {
    return Promise.resolve();
  }
  writeFile(): Promise<void> {
    return Promise.resolve();
  }
  identity(): Promise<TargetIdentity> {
    return Promise.resolve({ kind: "ssh", id: "fake", os: "Linux", arch: "x86_64", tools: {} });
  }
  home(): Promise<string> {
    return Promise.resolve("/home/fake");
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe("parseVmHwm", () => {
  it("reads the high water mark in bytes", () => {
    expect(parseVmHwm(STATUS)).toBe(78412 * 1024);
  });
  it("is null without the line (zombie, kernel thread, not Linux)", () => {
    expect(parseVmHwm("Name:\tkthreadd\nState:\tS (sleeping)\n")).toBeNull();
    expect(parseVmHwm("VmHWMx:\t1 kB\n")).toBeNull();
  });
});

describe("processPeakRss", () => {
  it("reads /proc/<pid>/status through the target", async () => {
    const target = new FilesTarget({ "/proc/4242/status": STATUS });
    expect(await processPeakRss(target, 4242)).toEqual({ bytes: 80293888, source: "VmHWM" });
    expect(target.reads).toEqual(["/proc/4242/status"]);
  });

  it("gives the reason when the process is gone", async () => {
    const peak = await processPeakRss(new FilesTarget({}), 77);
    expect(peak.bytes).toBeNull();
    expect(peak.reason).toBe(
      "cannot read /proc/77/status on fake (has process 77 exited?): cat: /proc/77/status: No such file or directory",
    );
  });

  it("gives the reason when the status has no VmHWM", async () => {
    const peak = await processPeakRss(
      new FilesTarget({ "/proc/5/status": "Name:\tx\nState:\tZ (zombie)\n" }),
      5,
    );
    expect(peak.bytes).toBeNull();
    expect(peak.reason).toMatch(
      /^no VmHWM in \/proc\/5\/status on fake: process 5 has exited and not been reaped/,
    );
  });

  it("throws target failures that are not about the file", async () => {
    const dropped = new StagingError("the SSH connection to fake dropped", { code: "E_SSH_DROPPED" });
    await expect(processPeakRss(new FilesTarget({ "/proc/9/status": dropped }), 9)).rejects.toBe(dropped);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses the pid %s", async (pid) => {
    await expect(processPeakRss(new FilesTarget({}), pid)).rejects.toThrow(RangeError);
  });
});
