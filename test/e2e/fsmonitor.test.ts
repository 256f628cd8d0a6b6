import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

const on = { env: { STAGING_FSMONITOR: "1" } };
const started: string[] = [];
afterEach(() => {
  for (const ws of started.splice(0)) runCli(["--workspace", ws, "fsmonitor", "stop"]);
});

function workspace(): string {
  const ws = useTmpDir({
    "versions/base/version.yaml":
      "slug: base\nkind: generic-service\nstatus: baseline\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n",
    "versions/base/snapshot/src/main.ts": "console.log(1)\n",
    "versions/base/snapshot/README": "base\n",
  });
  started.push(ws);
  return ws;
}

const make = (ws: string) => {
  const result = runCli(["--workspace", ws, "make", "fingerprint:*", "--json"], on);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { executed: string[]; upToDate: string[] };
};

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error("timed out");
  }
}

describe("make with the file-system monitor (STAGING_FSMONITOR=1)", () => {
  it("starts the monitor, and still rebuilds exactly after each edit it reports", async () => {
    const ws = workspace();
    expect(make(ws).executed).toEqual(["fingerprint:base"]);
    await until(() => runCli(["--workspace", ws, "fsmonitor"]).stdout.includes("fsmonitor: running"));
    for (let round = 0; round < 3; round++) expect(make(ws).upToDate).toEqual(["fingerprint:base"]);
    expect(runCli(["--workspace", ws, "fsmonitor"]).stdout).toContain(join(ws, "versions/base/snapshot"));
    writeFileSync(join(ws, "versions/base/snapshot/src/main.ts"), "console.log(2)\n");
    expect(make(ws).executed).toEqual(["fingerprint:base"]);
    expect(make(ws).upToDate).toEqual(["fingerprint:base"]);
    writeFileSync(join(ws, "versions/base/snapshot/new-file"), "x");
    expect(make(ws).executed).toEqual(["fingerprint:base"]);
    const explained = runCli(["--workspace", ws, "explain", "fingerprint:base"], on);
    expect(explained.stdout).toContain("up to date");
  });

  it("stops when asked, and the next make starts it again", async () => {
    const ws = workspace();
    make(ws);
    await until(() => runCli(["--workspace", ws, "fsmonitor"]).stdout.includes("fsmonitor: running"));
    expect(runCli(["--workspace", ws, "fsmonitor", "stop"]).stdout).toContain("stopped");
    expect(runCli(["--workspace", ws, "fsmonitor"]).stdout).toContain("not running");
    expect(make(ws).upToDate).toEqual(["fingerprint:base"]);
    // A make starts it; the one it replaces may hold its lock a moment longer, so make again.
    await until(() => {
      expect(make(ws).upToDate).toEqual(["fingerprint:base"]);
      return runCli(["--workspace", ws, "fsmonitor"]).stdout.includes("fsmonitor: running");
    });
  });

  it("refuses a STAGING_FSMONITOR it cannot read, with exit 2", () => {
    const ws = workspace();
    const result = runCli(["--workspace", ws, "make", "fingerprint:*"], {
      env: { STAGING_FSMONITOR: "maybe" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("STAGING_FSMONITOR");
    expect(result.stderr).not.toContain("    at ");
  });
});
