import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StagingError } from "../../../../src/errors/StagingError.js";
import { probeTools } from "../../../../src/targets/probeTools.js";
import { sshFingerprint } from "../../../../src/targets/ssh/hostKey.js";
import type { SshTarget } from "../../../../src/targets/ssh/SshTarget.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { HOSTILE } from "../../../unit/targets/hostile.js";
import { aliveWith, sshd, sshTarget } from "./sshFixture.js";

describe.skipIf(!sshd)("SshTarget: commands", () => {
  const target: SshTarget = sshTarget(sshd!);
  afterAll(() => target.close());

  it("passes hostile arguments byte-exact and executes nothing extra", async () => {
    const dir = useTmpDir();
    const pwned = join(dir, "pwned-x");
    const args = [
      ...HOSTILE,
      `$(touch ${pwned})`,
      `\`touch ${pwned}\``,
      `; touch ${pwned}`,
      `' ; touch ${pwned}; '`,
    ];
    const result = await target.run(["printf", "%s\\0", ...args]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\0").slice(0, -1)).toEqual(args);
    expect(existsSync(pwned)).toBe(false);
  });

  it("quotes env values and cwd too, and feeds stdin", async () => {
    const dir = useTmpDir({ "it's a $(dir) `x`/": null });
    const cwd = join(dir, "it's a $(dir) `x`");
    const pwned = join(dir, "pwned-env");
    const env = { WEIRD: `it's \`touch ${pwned}\` $(touch ${pwned})\nline2`, EMPTY: "", UNI: "ünï ✓" };
    const script = 'printf "%s|%s|%s|%s|" "$WEIRD" "$EMPTY" "$UNI" "$PWD"; cat';
    const result = await target.run(["sh", "-c", script], { env, cwd, stdin: "stdin ☃\n" });
    expect(result.stdout).toBe(`${env.WEIRD}||${env.UNI}|${cwd}|stdin ☃\n`);
    expect(existsSync(pwned)).toBe(false);
  });

  it("returns exit codes and keeps output untrimmed", async () => {
    expect(await target.run(["sh", "-c", "printf '  out\\n\\n'; printf ' err ' >&2; exit 7"])).toEqual({
      exitCode: 7,
      stdout: "  out\n\n",
      stderr: " err ",
    });
  });

  it("streams output to the log file and the live view, without env values", async () => {
    const dir = useTmpDir();
    const chunks: string[] = [];
    const logFile = join(dir, "node.log");
    await target.run(["sh", "-c", "echo one; echo two >&2"], {
      logFile,
      env: { TOKEN: "s3cr3t-value" },
      onOutput: (text, stream) => chunks.push(`${stream}:${text}`),
    });
    const log = readFileSync(logFile, "utf8");
    expect(log).toContain(`$ 'sh' '-c' 'echo one; echo two >&2' on ${target.name}`);
    expect(log).toContain("one\n");
    expect(log).toContain("two\n");
    expect(log).not.toContain("s3cr3t-value");
    expect(log).not.toContain("staging-pid");
    expect(chunks.sort()).toEqual(["stderr:two\n", "stdout:one\n"]);
  });

  it("reports a missing program as E_TARGET_NOT_FOUND", async () => {
    await expect(target.run(["staging-no-such-program", "x"])).rejects.toMatchObject({
      code: "E_TARGET_NOT_FOUND",
    });
  });

  it("kills the remote command (its whole process group) on timeout", async () => {
    const marker = `staging-ssh-timeout-${process.pid}-${Date.now()}`;
    const child = `sleep 61.${process.pid}${Date.now() % 1000}`;
    const started = Date.now();
    const error = await target
      .run(["sh", "-c", `${child} & sleep 62; : ${marker}`], { timeoutMs: 800 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as StagingError).code).toBe("E_TARGET_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(aliveWith(marker)).toEqual([]);
    expect(aliveWith(child)).toEqual([]);
    expect((await target.run(["echo", "still usable"])).stdout).toBe("still usable\n");
  });

  it("kills the remote command when its signal aborts", async () => {
    const marker = `staging-ssh-abort-${process.pid}-${Date.now()}`;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    await expect(
      target.run(["sh", "-c", `sleep 30; : ${marker}`], { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: "E_TARGET_ABORTED",
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(aliveWith(marker)).toEqual([]);
  });

  it("runs more commands at once than sshd's MaxSessions (10) over one connection", async () => {
    const numbers = Array.from({ length: 24 }, (_, i) => i);
    const results = await Promise.all(numbers.map((n) => target.run(["sh", "-c", `sleep 0.2; echo ${n}`])));
    expect(results.map((r) => r.stdout)).toEqual(numbers.map((n) => `${n}\n`));
  });

  it("reads and writes files atomically, making parent folders", async () => {
    const dir = useTmpDir();
    const file = join(dir, "a b/it's/c.txt");
    const content = "ünïcode\n'quotes' $(x)\n\n";
    await target.writeFile(file, content);
    expect(readFileSync(file, "utf8")).toBe(content);
    expect(await target.readFile(file)).toBe(content);
    await expect(target.readFile(join(dir, "missing"))).rejects.toMatchObject({ code: "E_TARGET_FILE" });
  });

  it("knows its home and identity: host key fingerprint, uname, tools", async () => {
    expect(await target.home()).toBe(process.env.HOME ?? "/root");
    const identity = await target.identity();
    const [, base64] = readFileSync(sshd!.hostKeyPub, "utf8").split(" ");
    expect(identity.kind).toBe("ssh");
    expect(identity.id).toBe(sshFingerprint(Buffer.from(base64 ?? "", "base64")));
    expect(identity.os).toBe("Linux");
    expect(identity.arch.length).toBeGreaterThan(0);
    expect(identity.tools.docker === undefined || /^\d/.test(identity.tools.docker)).toBe(true);
    // Found with one command and remembered by binary: the same as running every tool by name.
    expect(identity.tools).toEqual(await probeTools(target));
  });
});
