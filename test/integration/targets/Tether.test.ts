import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalTarget } from "../../../src/targets/LocalTarget.js";
import { startTether } from "../../../src/targets/Tether.js";
import type { Target } from "../../../src/targets/Target.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";
import { sshd, sshTarget } from "./ssh/sshFixture.js";

const targets: [string, () => Target][] = [["this machine", () => new LocalTarget()]];
const ssh = sshd;
if (ssh) targets.push(["the loopback sshd", () => sshTarget(ssh)]);

describe.each(targets)("a watchdog on %s", (_name, makeTarget) => {
  it("reports what the start command printed and how it ended, then cleans up when cut", async () => {
    const target = makeTarget();
    const marker = join(useTmpDir(), "cleaned up");
    const tether = startTether(target, ["sh", "-c", "echo id-123; echo to-stderr >&2"], ["touch", marker]);
    expect(await tether.started).toEqual({ exitCode: 0, stdout: "id-123\n", stderr: "to-stderr\n" });
    expect(existsSync(marker)).toBe(false);
    await tether.cut();
    expect(existsSync(marker)).toBe(true);
    await target.close();
  });

  it("runs no cleanup once released", async () => {
    const target = makeTarget();
    const marker = join(useTmpDir(), "cleaned up");
    const tether = startTether(target, ["true"], ["touch", marker]);
    expect((await tether.started).exitCode).toBe(0);
    await tether.release();
    expect(existsSync(marker)).toBe(false);
    await target.close();
  });

  it("reports a failed start with its exit code, and still cleans up when cut", async () => {
    const target = makeTarget();
    const marker = join(useTmpDir(), "it's cleaned $(up)");
    const tether = startTether(target, ["sh", "-c", "exit 3"], ["touch", marker]);
    expect((await tether.started).exitCode).toBe(3);
    await tether.cut();
    expect(existsSync(marker)).toBe(true);
    await target.close();
  });
});
