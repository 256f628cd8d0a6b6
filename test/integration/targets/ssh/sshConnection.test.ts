import { afterEach, describe, expect, it } from "vitest";
import { StagingError } from "../../../../src/errors/StagingError.js";
import { sshdSessionPid } from "../../../helpers/sshd.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { hostKeyOf } from "../../../helpers/sshd.js";
import { aliveWithAfterSignal, freePort, relay, sshd, sshTarget } from "./sshFixture.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A known_hosts that trusts the test sshd's key on another loopback port (a relay). */
function knownHostsFor(port: number): string {
  const dir = useTmpDir();
  writeFileSync(join(dir, "known_hosts"), `[127.0.0.1]:${port} ${hostKeyOf(sshd!)}\n`);
  return join(dir, "known_hosts");
}

describe.skipIf(!sshd)("SshTarget: connections", () => {
  it("reports a connection killed mid-command as E_SSH_DROPPED, then reconnects", async () => {
    const target = sshTarget(sshd!);
    cleanups.push(() => target.close());
    const marker = `staging-drop-${process.pid}-${Date.now()}`;
    let remotePid = 0;
    const running = target.run(["sh", "-c", `echo $$; sleep 30; : ${marker}`], {
      onOutput: (text) => (remotePid ||= Number.parseInt(text, 10)),
    });
    const outcome = running.catch((e: unknown) => e);
    for (let i = 0; i < 100 && !remotePid; i++) await new Promise((r) => setTimeout(r, 50));
    const session = sshdSessionPid(remotePid);
    expect(session).toBeGreaterThan(1);
    process.kill(session!, "SIGKILL");
    const error = await outcome;
    expect(error).toBeInstanceOf(StagingError);
    expect((error as StagingError).code).toBe("E_SSH_DROPPED");
    expect((error as StagingError).format()).toMatch(/not the command's failure/);
    expect((await target.run(["echo", "back"])).stdout).toBe("back\n");
    await target.run(["sh", "-c", `pkill -f ${marker} || true`]);
    expect(await aliveWithAfterSignal(marker)).toEqual([]);
  });

  it("reports a network cut mid-command as E_SSH_DROPPED", async () => {
    const proxy = await relay(sshd!);
    cleanups.push(() => proxy.close());
    const target = sshTarget(sshd!, { port: proxy.port, knownHostsFile: knownHostsFor(proxy.port) });
    cleanups.push(() => target.close());
    const marker = `staging-cut-${process.pid}-${Date.now()}`;
    const running = target.run(["sh", "-c", `echo started; sleep 30; : ${marker}`], {
      onOutput: () => setTimeout(() => proxy.cutAll(), 50),
    });
    await expect(running).rejects.toMatchObject({ code: "E_SSH_DROPPED" });
    expect((await target.run(["echo", "again"])).stdout).toBe("again\n");
    await target.run(["sh", "-c", `pkill -f ${marker} || true`]);
  });

  it("retries a refused connection with backoff until the server listens", async () => {
    const proxy = await relay(sshd!, 1_200);
    cleanups.push(() => proxy.close());
    const lines: string[] = [];
    const target = sshTarget(sshd!, {
      port: proxy.port,
      knownHostsFile: knownHostsFor(proxy.port),
      retryBudgetMs: 15_000,
      log: (l) => lines.push(l),
    });
    cleanups.push(() => target.close());
    expect((await target.run(["echo", "late"])).stdout).toBe("late\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/connecting to ssh:\/\/.* failed .*ECONNREFUSED.*retry 1 in 250 ms/);
  });

  it("gives up after the retry budget with E_SSH_CONNECT", async () => {
    const port = await freePort();
    const started = Date.now();
    const target = sshTarget(sshd!, { port, retryBudgetMs: 1_500 });
    const error = await target.run(["true"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as StagingError).code).toBe("E_SSH_CONNECT");
    expect((error as StagingError).facts.attempts).toBeGreaterThanOrEqual(3);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
