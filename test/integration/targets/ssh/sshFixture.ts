import { spawnSync } from "node:child_process";
import { createServer, connect, type Server, type Socket } from "node:net";
import { SshTarget, type SshTargetOptions } from "../../../../src/targets/ssh/SshTarget.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { testSshd, type TestSshd } from "../../../helpers/sshd.js";

/** The test sshd, or undefined (tests skip; they fail instead under STAGING_REQUIRE_INTEGRATION=1). */
export const sshd: TestSshd | undefined = requireOrSkip(
  testSshd() !== undefined,
  "sshd (scripts/ci/start-sshd.sh)",
)
  ? testSshd()
  : undefined;

export function sshOptions(s: TestSshd, overrides: Partial<SshTargetOptions> = {}): SshTargetOptions {
  return {
    host: s.host,
    port: s.port,
    user: s.user,
    identityFiles: [{ path: s.identity, required: true }],
    knownHostsFile: s.knownHosts,
    retryBudgetMs: 5_000,
    killGraceSeconds: 2,
    ...overrides,
  };
}

export function sshTarget(s: TestSshd, overrides: Partial<SshTargetOptions> = {}): SshTarget {
  return new SshTarget(sshOptions(s, overrides));
}

/** Processes on this machine (the sshd is local) whose command line contains `marker`, zombies left out. */
export function aliveWith(marker: string): string[] {
  const out = spawnSync("ps", ["-eo", "stat=,args="], { encoding: "utf8" }).stdout;
  return out.split("\n").filter((line) => line.includes(marker) && !line.trim().startsWith("Z"));
}

/**
 * `aliveWith(marker)` once the processes it finds have had up to 5 s to die: a signal sent by
 * `pkill` is delivered after `pkill` returns.
 */
export async function aliveWithAfterSignal(marker: string): Promise<string[]> {
  for (let waited = 0; waited < 5000 && aliveWith(marker).length > 0; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return aliveWith(marker);
}

/** A TCP relay to the sshd on a fresh loopback port, listening only after `delayMs`; it can cut every connection. */
export async function relay(
  s: TestSshd,
  delayMs = 0,
): Promise<{ port: number; cutAll(): void; close(): Promise<void> }> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(s.port, s.host);
    for (const sock of [client, upstream]) {
      sockets.add(sock);
      sock.on("close", () => sockets.delete(sock));
      sock.on("error", () => sock.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const timer = setTimeout(() => server.listen(port, "127.0.0.1"), delayMs);
  return {
    port,
    cutAll: () => sockets.forEach((sock) => sock.destroy()),
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer);
        sockets.forEach((sock) => sock.destroy());
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
