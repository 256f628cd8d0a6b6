import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exited, runCli, startCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";
import { generateVersions } from "../helpers/workspaces.js";

/**
 * A build that takes a second whatever the machine's speed: the signal lands while nodes are
 * still to run, however fast the rest of a make has become and however slowly the test reacts.
 */
const slowBuild =
  "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,1000);require('fs').writeFileSync(process.argv[1]+'/app.txt','x')";

describe("Ctrl-C during make", () => {
  it("stops cleanly: exit 130, the lock released, and the next make finishes the rest", async () => {
    const ws = useTmpDir();
    generateVersions(ws, 3, 20);
    writeFileSync(
      join(ws, "staging.config.ts"),
      `export default { workspace: ".", builder: "artifact", modes: { slow: { build: { command: [process.execPath, "-e", ${JSON.stringify(slowBuild)}, "{out}"] } } } };\n`,
    );
    const child = startCli(["--verbose", "make", "image:*", "--concurrency", "1", "--json"], { cwd: ws });
    const done = exited(child);
    // Signal once the first node has started: its line appears on stderr (--verbose).
    await new Promise<void>((resolve) =>
      child.stderr!.on("data", (d: Buffer) => d.toString().includes(" run ") && resolve()),
    );
    child.kill("SIGINT");
    const result = await done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain("interrupt: stopping running nodes");
    const first = JSON.parse(result.stdout) as { executed: string[]; skipped: string[] };
    expect(first.skipped.length).toBeGreaterThan(0);
    expect(existsSync(join(ws, ".staging", "lock"))).toBe(false);
    const next = JSON.parse(runCli(["make", "image:*", "--json"], { cwd: ws }).stdout) as {
      executed: string[];
      upToDate: string[];
    };
    expect(next.executed.filter((id) => first.executed.includes(id))).toEqual([]);
    // Three versions: a fingerprint and an image each.
    expect(next.executed.length + next.upToDate.length).toBe(6);
  });
});
