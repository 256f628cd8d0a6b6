import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { StagingError } from "../../../src/errors/StagingError.js";
import { MultipassLifecycle } from "../../../src/targets/MultipassLifecycle.js";
import type { CommandResult, RunOptions, Target } from "../../../src/targets/Target.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

type Reply = Partial<CommandResult> | ((argv: readonly string[]) => Partial<CommandResult>);

/** A runner that records every argv and answers from a script of replies, in order per program+verb. */
class RecordingRunner implements Pick<Target, "run"> {
  readonly calls: string[][] = [];
  readonly seen: Record<string, string> = {};
  constructor(private readonly replies: Record<string, Reply[]>) {}

  run(argv: readonly string[], _options?: RunOptions): Promise<CommandResult> {
    this.calls.push([...argv]);
    const key = argv[0] === "multipass" ? `multipass ${argv[1]}` : (argv[0] ?? "");
    if (key === "multipass launch") {
      const file = argv[argv.indexOf("--cloud-init") + 1] ?? "";
      this.seen.cloudInit = readFileSync(file, "utf8");
      this.seen.cloudInitMode = (statSync(file).mode & 0o777).toString(8);
    }
    if (key === "ssh-keygen") fakeKeygen(argv[argv.indexOf("-f") + 1] ?? "");
    const reply = this.replies[key]?.shift() ?? {};
    const value = typeof reply === "function" ? reply(argv) : reply;
    return Promise.resolve({ exitCode: 0, stdout: "", stderr: "", ...value });
  }
}

function fakeKeygen(path: string): void {
  writeFileSync(
    path,
    "-----BEGIN OPENSSH PRIVATE KEY-----\nFAKEPRIVATE\n-----END OPENSSH PRIVATE KEY-----\n",
    { mode: 0o600 },
  );
  writeFileSync(`${path}.pub`, "ssh-ed25519 AAAAHOSTKEY staging-vm-x\n");
}

const info = (state: string, ip?: string) => ({
  stdout: JSON.stringify({ errors: [], info: { vm1: { state, ipv4: ip ? [ip] : [] } } }),
});
const absent = {
  exitCode: 2,
  stderr: 'info failed: The following errors occurred:\ninstance "vm1" does not exist',
};

function lifecycle(runner: RecordingRunner, dir: string, log: string[] = []) {
  writeFileSync(join(dir, "id.pub"), "ssh-ed25519 AAAAUSERKEY me@laptop\n");
  return new MultipassLifecycle({
    name: "vm1",
    image: "22.04",
    cpus: 2,
    memory: "4G",
    disk: "20G",
    publicKeyFile: join(dir, "id.pub"),
    stateDir: join(dir, "state"),
    runner,
    log: (line) => log.push(line),
  });
}

describe("MultipassLifecycle", () => {
  it("launches a missing VM with cloud-init, then reaches it over SSH with the injected host key", async () => {
    const dir = useTmpDir();
    const runner = new RecordingRunner({ "multipass info": [absent, info("Running", "10.20.0.7")] });
    const log: string[] = [];
    const endpoint = await lifecycle(runner, dir, log).ensure();
    expect(runner.calls[0]).toEqual(["multipass", "info", "vm1", "--format", "json"]);
    expect(runner.calls[1]?.slice(0, 5)).toEqual(["ssh-keygen", "-q", "-t", "ed25519", "-N"]);
    expect(runner.calls[2]).toEqual([
      "multipass",
      "launch",
      "--name",
      "vm1",
      "--cpus",
      "2",
      "--memory",
      "4G",
      "--disk",
      "20G",
      "--cloud-init",
      join(dir, "state", "cloud-init.yaml"),
      "22.04",
    ]);
    expect(endpoint).toEqual({
      address: { host: "10.20.0.7", user: "ubuntu", port: 22 },
      knownHostsFile: join(dir, "state", "known_hosts"),
    });
    expect(readFileSync(join(dir, "state", "known_hosts"), "utf8")).toBe(
      "10.20.0.7 ssh-ed25519 AAAAHOSTKEY\n",
    );
    const config = parse(runner.seen.cloudInit ?? "") as Record<string, unknown>;
    expect(runner.seen.cloudInit?.startsWith("#cloud-config\n")).toBe(true);
    expect(runner.seen.cloudInitMode).toBe("600");
    expect(config.ssh_authorized_keys).toEqual(["ssh-ed25519 AAAAUSERKEY me@laptop"]);
    expect((config.ssh_keys as Record<string, string>).ed25519_private).toContain("FAKEPRIVATE");
    expect(existsSync(join(dir, "state", "cloud-init.yaml"))).toBe(false);
    expect(existsSync(join(dir, "state", "ssh_host_ed25519_key"))).toBe(false);
    expect(log[0]).toMatch(/^VM lifecycle: multipass/);
  });

  it("starts a stopped VM and never uses multipass exec or shell", async () => {
    const dir = useTmpDir();
    const runner = new RecordingRunner({ "multipass info": [info("Stopped"), info("Running", "10.20.0.8")] });
    const endpoint = await lifecycle(runner, dir).ensure();
    expect(runner.calls.map((c) => c.slice(0, 2).join(" "))).toEqual([
      "multipass info",
      "multipass start",
      "multipass info",
    ]);
    expect(runner.calls[1]).toEqual(["multipass", "start", "vm1"]);
    expect(endpoint.address.host).toBe("10.20.0.8");
    expect(endpoint.knownHostsFile).toBeUndefined(); // not launched by staging: the user's known_hosts decides
    expect(runner.calls.flat()).not.toContain("exec");
    expect(runner.calls.flat()).not.toContain("shell");
  });

  it("deletes with --purge, and stops with stop", async () => {
    const dir = useTmpDir();
    const runner = new RecordingRunner({ "multipass delete": [absent] });
    const vm = lifecycle(runner, dir);
    await vm.stop();
    await vm.destroy();
    expect(runner.calls).toEqual([
      ["multipass", "stop", "vm1"],
      ["multipass", "delete", "--purge", "vm1"],
    ]);
  });

  it("reports multipass failures with the lifecycle named", async () => {
    const dir = useTmpDir();
    const runner = new RecordingRunner({
      "multipass info": [{ exitCode: 1, stderr: "cannot connect to the multipass socket" }],
    });
    const error = await lifecycle(runner, dir)
      .ensure()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as StagingError).code).toBe("E_MULTIPASS");
    expect((error as StagingError).format()).toContain("multipass socket");
    expect((error as StagingError).format()).toContain("E2E_VM_LIFECYCLE=external");
  });

  it("refuses a VM without an address", async () => {
    const dir = useTmpDir();
    const runner = new RecordingRunner({ "multipass info": [info("Running")] });
    await expect(lifecycle(runner, dir).ensure()).rejects.toThrow(/no IPv4 address/);
  });
});
