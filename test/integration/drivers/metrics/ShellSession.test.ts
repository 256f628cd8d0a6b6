import { afterAll, describe, expect, it } from "vitest";
import { ShellSession } from "../../../../src/drivers/metrics/ShellSession.js";
import { StagingError } from "../../../../src/errors/StagingError.js";
import { sshd, sshTarget } from "../../targets/ssh/sshFixture.js";

/** Answers each line with `got <line> from <shell pid>`; `quit` makes it exit with code 3. */
const ECHO_SH = `while read -r x; do [ "$x" = quit ] && exit 3; echo "got $x from $$"; echo @@end; done`;

const shellOf = (answer: string): string => /from (\d+)/.exec(answer)?.[1] ?? "";

describe.skipIf(!sshd)("ShellSession", () => {
  const target = sshTarget(sshd!);
  afterAll(() => target.close());

  it("answers requests made at once one at a time, in order, from one shell", async () => {
    const session = new ShellSession(target, ECHO_SH);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => session.request([`r${i}`])));
    expect(answers.map((a) => a.replace(/ from \d+/, ""))).toEqual(answers.map((_, i) => `got r${i}\n`));
    expect(new Set(answers.map(shellOf)).size).toBe(1);
    await session.close();
  });

  it("fails the request that saw its shell end, and opens another for the next", async () => {
    const session = new ShellSession(target, ECHO_SH);
    const first = await session.request(["a"]);
    const error = await session.request(["quit"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect(error).toMatchObject({ code: "E_CPU_READ", facts: { ended: "exit code 3" } });
    const next = await session.request(["b"]);
    expect(next).toMatch(/^got b from \d+\n$/);
    expect(shellOf(next)).not.toBe(shellOf(first));
    await session.close();
  });

  it("carries on over a new connection after the old one was closed under it", async () => {
    const own = sshTarget(sshd!);
    const session = new ShellSession(own, ECHO_SH);
    await session.request(["a"]);
    await own.close();
    const outcomes: unknown[] = [];
    for (let attempt = 0; attempt < 3 && !outcomes.some((o) => typeof o === "string"); attempt++)
      outcomes.push(await session.request(["b"]).catch((e: unknown) => e));
    expect(outcomes.at(-1)).toMatch(/^got b from/);
    for (const failed of outcomes.slice(0, -1)) expect(failed).toBeInstanceOf(StagingError);
    await session.close();
    await own.close();
  });

  it("replaces its shell after the given number of answers", async () => {
    const session = new ShellSession(target, ECHO_SH, 2);
    const shells = [];
    for (const line of ["a", "b", "c", "d", "e"]) shells.push(shellOf(await session.request([line])));
    expect(new Set(shells).size).toBe(3);
    await session.close();
  });

  it("opens a shell again after being closed", async () => {
    const session = new ShellSession(target, ECHO_SH);
    await session.request(["a"]);
    await session.close();
    expect(await session.request(["b"])).toMatch(/^got b from/);
    await session.close();
  });

  it("refuses a request line holding a newline: it would be two requests", () => {
    const session = new ShellSession(target, ECHO_SH);
    expect(() => session.request(["tree 1\nload"])).toThrow(RangeError);
  });
});
