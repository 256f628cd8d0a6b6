import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exited, runCli, startCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";
import { generateVersions } from "../helpers/workspaces.js";

describe("Ctrl-C during make", () => {
  it("stops cleanly: exit 130, the lock released, and the next make finishes the rest", async () => {
    const ws = useTmpDir();
    generateVersions(ws, 8, 600, 4096);
    const child = startCli([
      "--verbose",
      "--workspace",
      ws,
      "make",
      "fingerprint:*",
      "--concurrency",
      "1",
      "--json",
    ]);
    const done = exited(child);
    // Signal once the first node has started: its line appears on stderr (--verbose).
    await new Promise<void>((resolve) =>
      child.stderr!.on("data", (d: Buffer) => d.toString().includes(" run ") && resolve()),
    );
    child.kill("SIGINT");
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("interrupt: stopping running nodes");
    const first = JSON.parse(result.stdout) as { executed: string[]; skipped: string[] };
    expect(first.skipped.length).toBeGreaterThan(0);
    expect(existsSync(join(ws, ".staging", "lock"))).toBe(false);
    const next = JSON.parse(runCli(["--workspace", ws, "make", "fingerprint:*", "--json"]).stdout) as {
      executed: string[];
      upToDate: string[];
    };
    expect(next.executed.filter((id) => first.executed.includes(id))).toEqual([]);
    expect(next.executed.length + next.upToDate.length).toBe(8);
  });
});
