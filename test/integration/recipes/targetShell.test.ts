import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { targetShell } from "../../../src/recipes/targetShell.js";
import { LocalTarget } from "../../../src/targets/LocalTarget.js";
import type { Target } from "../../../src/targets/Target.js";
import { HOSTILE } from "../../unit/targets/hostile.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";
import { sshd, sshTarget } from "../targets/ssh/sshFixture.js";

const opened: Target[] = [];
afterAll(async () => {
  for (const t of opened) await t.close();
});

const targets: [string, () => Target | undefined][] = [
  ["on this machine", () => new LocalTarget()],
  [
    "over SSH (the loopback sshd)",
    () => {
      if (!sshd) return undefined;
      const t = sshTarget(sshd);
      opened.push(t);
      return t;
    },
  ],
];

describe.each(targets)("a recipe's $ %s", (_name, open) => {
  const shell = (dir: string, env: Record<string, string> = {}) => {
    const target = open();
    if (!target) return undefined;
    return targetShell({
      target,
      cwd: dir,
      env,
      logFile: join(dir, "recipe.log"),
      signal: new AbortController().signal,
      timeoutMs: 60_000,
    });
  };

  it("passes every interpolated value as one word, byte for byte, running none of it", async () => {
    const dir = useTmpDir();
    const $ = await shell(dir);
    if (!$) return;
    const args = HOSTILE.filter((a) => !a.includes("\0"));
    const out = await $`node -e ${"process.stdout.write(JSON.stringify(process.argv.slice(1)))"} -- ${args}`;
    expect(JSON.parse(out.stdout)).toEqual(args);
    expect(existsSync("/tmp/staging-pwned-unit")).toBe(false);
  });

  it("runs in its folder with its variables, and appends the output to the log", async () => {
    const dir = useTmpDir();
    const $ = await shell(dir, { GREETING: "it's me" });
    if (!$) return;
    const out = await $`pwd; printf '%s\n' "$GREETING"; echo to-stderr >&2`;
    expect(out.stdout).toBe(`${dir}\nit's me\n`);
    expect(out.stderr).toBe("to-stderr\n");
    expect(readFileSync(join(dir, "recipe.log"), "utf8")).toContain("it's me");
  });

  it("rejects with the exit code and stderr of a failing command, also inside a pipeline", async () => {
    const dir = useTmpDir();
    const $ = await shell(dir);
    if (!$) return;
    const failed = await $`echo nope >&2; exit 3`.catch(
      (e: unknown) => e as { exitCode: number; stderr: string },
    );
    expect(failed).toMatchObject({ exitCode: 3, stderr: "nope\n" });
    await expect($`false | cat`).rejects.toMatchObject({ exitCode: 1 });
    expect((await $`exit 4`.nothrow()).exitCode).toBe(4);
  });

  it("gives a command its input on stdin", async () => {
    const dir = useTmpDir();
    const $ = await shell(dir);
    if (!$) return;
    expect((await $({ input: "a\nb\n" })`wc -l`).stdout.trim()).toBe("2");
  });
});
