import { describe, expect, it } from "vitest";
import { exited, runCli, startCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";
import { generateVersions } from "../helpers/workspaces.js";

describe("several staging processes on one workspace", () => {
  it("lets four simultaneous makes either run under the lock or exit 3, never both at once, with no corruption", async () => {
    const ws = useTmpDir();
    const slugs = generateVersions(ws, 4, 300, 2048);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        exited(startCli(["--workspace", ws, "make", "fingerprint:*", "--json"])),
      ),
    );
    const codes = runs.map((r) => r.code).sort();
    expect(codes.filter((c) => c === 0).length).toBeGreaterThanOrEqual(1);
    expect(codes.every((c) => c === 0 || c === 3)).toBe(true);
    for (const locked of runs.filter((r) => r.code === 3)) {
      expect(locked.stderr).toMatch(
        /error: The workspace is locked by another staging process\n {2}lock: +.*\n {2}pid: +\d+\n {2}host: /,
      );
    }
    // Each node ran exactly once across the processes that got the lock.
    const executed = runs
      .filter((r) => r.code === 0)
      .flatMap((r) => (JSON.parse(r.stdout) as { executed: string[] }).executed);
    expect(executed.sort()).toEqual(slugs.map((s) => `fingerprint:${s}`));
    const after = JSON.parse(runCli(["--workspace", ws, "make", "fingerprint:*", "--json"]).stdout) as {
      executed: string[];
    };
    expect(after.executed).toEqual([]);
  });

  it("queues behind the lock with --wait", async () => {
    const ws = useTmpDir();
    generateVersions(ws, 3, 300, 2048);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        exited(startCli(["--workspace", ws, "make", "fingerprint:*", "--json", "--wait"])),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const executed = runs.flatMap((r) => (JSON.parse(r.stdout) as { executed: string[] }).executed);
    expect(executed).toHaveLength(3);
  });
});
