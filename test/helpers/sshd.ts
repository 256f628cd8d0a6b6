import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The test sshd of scripts/ci/start-sshd.sh, as its env.sh describes it. */
export interface TestSshd {
  url: string;
  host: string;
  port: number;
  user: string;
  identity: string;
  knownHosts: string;
  hostKeyPub: string;
}

const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), "../../scripts/ci/start-sshd.sh");
const VARS = [
  "STAGING_TEST_SSH_URL",
  "STAGING_TEST_SSH_IDENTITY",
  "STAGING_TEST_SSH_KNOWN_HOSTS",
  "STAGING_TEST_SSH_HOSTKEY_PUB",
];
let cached: TestSshd | null | undefined;

/**
 * The loopback sshd for integration tests: from the STAGING_TEST_SSH_* variables when set (CI sets
 * them), else started on demand with scripts/ci/start-sshd.sh (idempotent). Undefined when neither
 * works; tests then skip through `requireOrSkip`, or fail under STAGING_REQUIRE_INTEGRATION=1.
 */
export function testSshd(): TestSshd | undefined {
  if (cached !== undefined) return cached ?? undefined;
  if (!VARS.every((name) => process.env[name])) startOnDemand();
  cached = fromEnv() ?? null;
  return cached ?? undefined;
}

function startOnDemand(): void {
  if (!existsSync(SCRIPT)) return;
  const dir = process.env.STAGING_SSHD_DIR ?? "/tmp/staging-sshd";
  const run = spawnSync("bash", [SCRIPT, dir], { encoding: "utf8", timeout: 180_000 });
  if (run.status !== 0) {
    process.stderr.write(
      `test sshd could not start: ${run.stderr.trim().split("\n").slice(-3).join(" / ")}\n`,
    );
    return;
  }
  for (const line of run.stdout.split("\n")) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) process.env[match[1]] = match[2];
  }
}

function fromEnv(): TestSshd | undefined {
  const [url, identity, knownHosts, hostKeyPub] = VARS.map((name) => process.env[name]);
  if (!url || !identity || !knownHosts || !hostKeyPub) return undefined;
  const match = /^ssh:\/\/([^@]+)@([^:]+):(\d+)$/.exec(url);
  if (!match || !existsSync(identity) || !existsSync(knownHosts)) return undefined;
  return {
    url,
    user: match[1] ?? "",
    host: match[2] ?? "",
    port: Number(match[3]),
    identity,
    knownHosts,
    hostKeyPub,
  };
}

/** The host public key as `type base64`, for writing known_hosts files in tests. */
export function hostKeyOf(sshd: TestSshd): string {
  return readFileSync(sshd.hostKeyPub, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
}

/**
 * The sshd process serving the connection of a remote shell whose pid is known: walks up the
 * parent chain (through /proc, the sshd runs on this machine) to the first `sshd` process.
 */
export function sshdSessionPid(remotePid: number): number | undefined {
  let pid = remotePid;
  for (let depth = 0; depth < 10 && pid > 1; depth++) {
    const status = readProcStatus(pid);
    if (!status) return undefined;
    if (status.name.startsWith("sshd")) return pid;
    pid = status.ppid;
  }
  return undefined;
}

function readProcStatus(pid: number): { name: string; ppid: number } | undefined {
  const path = join("/proc", String(pid), "status");
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  const name = /^Name:\s*(.*)$/m.exec(text)?.[1] ?? "";
  const ppid = Number(/^PPid:\s*(\d+)$/m.exec(text)?.[1] ?? 0);
  return { name, ppid };
}
