import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StagingError } from "../../../src/errors/StagingError.js";
import { LocalTarget } from "../../../src/targets/LocalTarget.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";
import { HOSTILE } from "../../unit/targets/hostile.js";

const target = new LocalTarget();

function alive(marker: string): boolean {
  const out = spawnSync("ps", ["-eo", "stat=,args="], { encoding: "utf8" }).stdout;
  return out.split("\n").some((line) => line.includes(marker) && !line.trim().startsWith("Z"));
}

describe("LocalTarget", () => {
  it("passes hostile arguments byte-exact and executes nothing extra", async () => {
    const dir = useTmpDir();
    const pwned = join(dir, "pwned");
    const args = [...HOSTILE, `$(touch ${pwned})`, `\`touch ${pwned}\``, `; touch ${pwned}`];
    const result = await target.run(["printf", "%s\\0", ...args]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split("\0").slice(0, -1)).toEqual(args);
    expect(existsSync(pwned)).toBe(false);
  });

  it("passes env values and cwd as they are, and feeds stdin", async () => {
    const dir = useTmpDir({ "it's a $(dir)/": null });
    const cwd = join(dir, "it's a $(dir)");
    const env = { WEIRD: "it's `x` $(y)\nline2", EMPTY: "" };
    const result = await target.run(["sh", "-c", 'printf "%s|%s|%s|" "$WEIRD" "$EMPTY" "$PWD"; cat'], {
      env,
      cwd,
      stdin: "from stdin ☃",
    });
    expect(result.stdout).toBe(`${env.WEIRD}||${cwd}|from stdin ☃`);
  });

  it("returns non-zero exit codes and stderr as results, not errors", async () => {
    const result = await target.run(["sh", "-c", "echo oops >&2; exit 3"]);
    expect(result).toEqual({ exitCode: 3, stdout: "", stderr: "oops\n" });
  });

  it("streams output to the log file and the live view", async () => {
    const dir = useTmpDir();
    const chunks: string[] = [];
    await target.run(["sh", "-c", "echo one; echo two >&2"], {
      logFile: join(dir, "logs/run.log"),
      onOutput: (text, stream) => chunks.push(`${stream}:${text}`),
    });
    const log = readFileSync(join(dir, "logs/run.log"), "utf8");
    expect(log).toContain("$ 'sh' '-c' 'echo one; echo two >&2'");
    expect(log).toContain("one\n");
    expect(log).toContain("two\n");
    expect(chunks.sort()).toEqual(["stderr:two\n", "stdout:one\n"]);
  });

  it("reports a missing program and a missing working directory as errors", async () => {
    await expect(target.run(["staging-no-such-program"])).rejects.toMatchObject({
      code: "E_TARGET_NOT_FOUND",
    });
    await expect(target.run(["true"], { cwd: "/nonexistent/dir" })).rejects.toMatchObject({
      code: "E_TARGET_CWD",
    });
    await expect(target.run(["-x"])).rejects.toMatchObject({ code: "E_TARGET_ARGV" });
  });

  it("kills the whole process group on timeout", async () => {
    const marker = `staging-local-timeout-${process.pid}-${Date.now()}`;
    const child = `sleep 63.${process.pid}${Date.now() % 1000}`;
    const started = Date.now();
    const error = await target
      .run(["sh", "-c", `${child} & sleep 64; : ${marker}`], { timeoutMs: 500 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as StagingError).code).toBe("E_TARGET_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(marker)).toBe(false);
    expect(alive(child)).toBe(false);
  });

  it("kills the command when its signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(target.run(["sleep", "30"], { signal: controller.signal })).rejects.toMatchObject({
      code: "E_TARGET_ABORTED",
    });
  });

  it("uploads a tree with dotfiles, modes and symlinks, replacing the old one whole", async () => {
    const dir = useTmpDir({
      "src/.env": "A=1",
      "src/run.sh": "#!/bin/sh\n",
      "src/sub/deep.txt": "deep",
      "dest/old.txt": "old",
    });
    spawnSync("chmod", ["755", join(dir, "src/run.sh")]);
    spawnSync("ln", ["-s", "sub/deep.txt", join(dir, "src/link")]);
    await target.uploadTree(join(dir, "src"), join(dir, "dest"));
    expect(readdirSync(join(dir, "dest")).sort()).toEqual([".env", "link", "run.sh", "sub"]);
    expect(statSync(join(dir, "dest/run.sh")).mode & 0o777).toBe(0o755);
    expect(lstatSync(join(dir, "dest/link")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "dest/link"))).toBe("sub/deep.txt");
    expect(readdirSync(dir).sort()).toEqual(["dest", "src"]);
  });

  it("reads and writes files atomically, making parent folders", async () => {
    const dir = useTmpDir();
    const file = join(dir, "a/b/c.txt");
    await target.writeFile(file, "ünïcode\nlines\n");
    expect(await target.readFile(file)).toBe("ünïcode\nlines\n");
    expect(readdirSync(join(dir, "a/b"))).toEqual(["c.txt"]);
    await expect(target.readFile(join(dir, "missing"))).rejects.toMatchObject({ code: "E_TARGET_FILE" });
  });

  it("names itself by machine id, OS and arch, with the tools it has", async () => {
    const identity = await target.identity();
    expect(identity.kind).toBe("local");
    expect(identity.id.length).toBeGreaterThan(0);
    expect(identity.os).toBe(spawnSync("uname", ["-s"], { encoding: "utf8" }).stdout.trim());
    expect(identity.arch).toBe(spawnSync("uname", ["-m"], { encoding: "utf8" }).stdout.trim());
    expect(identity.tools.node).toBe(process.versions.node);
  });
});
