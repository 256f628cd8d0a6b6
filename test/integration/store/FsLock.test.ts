import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StagingError } from "../../../src/errors/index.js";
import { acquireLock } from "../../../src/store/FsLock.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("the workspace lock", () => {
  it("refuses a second owner with exit code 3, naming the owner's pid and host", async () => {
    const path = join(useTmpDir(), "lock");
    const release = await acquireLock(path);
    const error = await acquireLock(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as StagingError).exitCode).toBe(3);
    expect((error as StagingError).facts).toMatchObject({ pid: process.pid, host: hostname() });
    await release();
    await (
      await acquireLock(path)
    )();
  });

  it("waits for the owner with wait: true", async () => {
    const path = join(useTmpDir(), "lock");
    const release = await acquireLock(path);
    let acquired = false;
    const waiting = acquireLock(path, { wait: true, pollMs: 10 }).then((r) => ((acquired = true), r));
    await new Promise((r) => setTimeout(r, 50));
    expect(acquired).toBe(false);
    await release();
    await (
      await waiting
    )();
    expect(acquired).toBe(true);
  });

  it("takes over a lock left by a dead process on this host, with a warning", async () => {
    const path = join(useTmpDir(), "lock");
    writeFileSync(
      path,
      JSON.stringify({ pid: deadPid(), host: hostname(), since: "x", token: "t", command: "make" }),
    );
    const warnings: string[] = [];
    const release = await acquireLock(path, { warn: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/taking over the lock of dead process \d+/);
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ pid: process.pid });
    await release();
  });

  it("does not release a lock it no longer owns", async () => {
    const path = join(useTmpDir(), "lock");
    const release = await acquireLock(path);
    writeFileSync(
      path,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        since: "x",
        token: "someone-else",
        command: "make",
      }),
    );
    await release();
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ token: "someone-else" });
  });
});
