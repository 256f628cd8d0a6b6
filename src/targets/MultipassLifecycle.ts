import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExitCode, StagingError } from "../errors/StagingError.js";
import { cloudInit } from "./cloudInit.js";
import type { CommandResult, Target } from "./Target.js";
import type { VmEndpoint, VmLifecycle } from "./VmLifecycle.js";

export interface MultipassOptions {
  /** The VM's name for multipass. */
  name: string;
  /** Image to launch, e.g. `22.04`; multipass's default when absent. */
  image?: string;
  cpus?: number;
  /** e.g. `4G`. */
  memory?: string;
  /** e.g. `20G`. */
  disk?: string;
  /** The image's default user. @default "ubuntu" */
  user?: string;
  /** Public key injected through cloud-init (the `.pub` of the identity staging logs in with). */
  publicKeyFile: string;
  /** Where the VM's host public key and known_hosts are kept (e.g. `.staging/vm/<name>`). */
  stateDir: string;
  /** Runs `multipass` and `ssh-keygen` on this machine (a LocalTarget; a recorder in tests). */
  runner: Pick<Target, "run">;
  log?: (line: string) => void;
}

interface VmInfo {
  state: string;
  ipv4: string[];
}

/**
 * Staging owns the VM: it launches, starts, stops and deletes it with the local `multipass`
 * command and reads its address from `multipass info --format json`. Commands inside the VM never
 * go through multipass: they run over SSH, with the host key staging gave the VM at launch.
 */
export class MultipassLifecycle implements VmLifecycle {
  readonly kind = "multipass" as const;
  private readonly log: (line: string) => void;

  constructor(private readonly options: MultipassOptions) {
    this.log = options.log ?? (() => {});
  }

  describe(): string {
    return `VM lifecycle: multipass (staging launches, starts and deletes VM '${this.options.name}' with the local multipass command; commands inside it run over SSH)`;
  }

  async ensure(): Promise<VmEndpoint> {
    this.log(this.describe());
    let info = await this.info();
    if (!info) {
      await this.launch();
      info = await this.info();
    } else if (info.state !== "Running") {
      this.log(`multipass: starting VM '${this.options.name}' (was ${info.state})`);
      await this.multipass(["start", this.options.name], 600_000);
      info = await this.info();
    }
    const ip = info?.ipv4[0];
    if (!info || ip === undefined)
      throw this.error(
        `VM '${this.options.name}' has no IPv4 address`,
        info ? `state ${info.state}` : "not found after launch",
      );
    return { address: { host: ip, user: this.options.user ?? "ubuntu", port: 22 }, ...this.knownHosts(ip) };
  }

  async stop(): Promise<void> {
    this.log(`multipass: stopping VM '${this.options.name}'`);
    await this.multipass(["stop", this.options.name], 600_000);
  }

  async destroy(): Promise<void> {
    this.log(`multipass: deleting VM '${this.options.name}'`);
    const result = await this.options.runner.run(["multipass", "delete", "--purge", this.options.name], {
      timeoutMs: 600_000,
    });
    if (result.exitCode !== 0 && !/does not exist/i.test(result.stderr))
      throw this.failed(["delete"], result);
    rmSync(this.hostKeyFile(), { force: true });
    rmSync(join(this.options.stateDir, "known_hosts"), { force: true });
  }

  /** `multipass info NAME --format json`; undefined when the VM does not exist. */
  private async info(): Promise<VmInfo | undefined> {
    const args = ["info", this.options.name, "--format", "json"];
    const result = await this.options.runner.run(["multipass", ...args], { timeoutMs: 120_000 });
    if (result.exitCode !== 0) {
      if (/does not exist/i.test(result.stderr)) return undefined;
      throw this.failed(args, result);
    }
    try {
      const parsed = JSON.parse(result.stdout) as {
        info?: Record<string, { state?: string; ipv4?: string[] }>;
      };
      const vm = parsed.info?.[this.options.name];
      return vm ? { state: vm.state ?? "Unknown", ipv4: vm.ipv4 ?? [] } : undefined;
    } catch {
      throw this.error("cannot read `multipass info --format json`", result.stdout.slice(0, 200));
    }
  }

  private async launch(): Promise<void> {
    const { name, stateDir } = this.options;
    this.log(
      `multipass: launching VM '${name}' with a host key and your public key injected through cloud-init`,
    );
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const key = join(stateDir, "ssh_host_ed25519_key");
    const initFile = join(stateDir, "cloud-init.yaml");
    rmSync(key, { force: true });
    rmSync(`${key}.pub`, { force: true });
    try {
      await this.check(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", `staging-vm-${name}`, "-f", key],
        60_000,
      );
      writeFileSync(initFile, cloudInit(this.keys(key)), { mode: 0o600 });
      chmodSync(initFile, 0o600);
      await this.multipass(["launch", ...this.launchArgs(initFile)], 1_800_000);
    } finally {
      rmSync(initFile, { force: true });
      rmSync(key, { force: true });
    }
  }

  private launchArgs(initFile: string): string[] {
    const o = this.options;
    const args = ["--name", o.name];
    if (o.cpus !== undefined) args.push("--cpus", String(o.cpus));
    if (o.memory !== undefined) args.push("--memory", o.memory);
    if (o.disk !== undefined) args.push("--disk", o.disk);
    args.push("--cloud-init", initFile);
    return o.image !== undefined ? [...args, o.image] : args;
  }

  private keys(hostKey: string): Parameters<typeof cloudInit>[0] {
    try {
      return {
        authorizedKey: readFileSync(this.options.publicKeyFile, "utf8"),
        hostPrivateKey: readFileSync(hostKey, "utf8"),
        hostPublicKey: readFileSync(`${hostKey}.pub`, "utf8"),
      };
    } catch (error) {
      throw this.error("cannot read the keys for cloud-init", (error as Error).message);
    }
  }

  private hostKeyFile(): string {
    return join(this.options.stateDir, "ssh_host_ed25519_key.pub");
  }

  /** A known_hosts with the host key staging gave the VM, for its current address. */
  private knownHosts(ip: string): { knownHostsFile?: string } {
    if (!existsSync(this.hostKeyFile())) return {};
    const [type, base64] = readFileSync(this.hostKeyFile(), "utf8").trim().split(/\s+/);
    const file = join(this.options.stateDir, "known_hosts");
    writeFileSync(file, `${ip} ${type} ${base64}\n`, { mode: 0o600 });
    return { knownHostsFile: file };
  }

  private async multipass(args: string[], timeoutMs: number): Promise<CommandResult> {
    return this.check(["multipass", ...args], timeoutMs);
  }

  private async check(argv: string[], timeoutMs: number): Promise<CommandResult> {
    const result = await this.options.runner.run(argv, { timeoutMs });
    if (result.exitCode !== 0)
      throw this.failed(argv.slice(argv[0] === "multipass" ? 1 : 0), result, argv[0]);
    return result;
  }

  private failed(args: string[], result: CommandResult, program = "multipass"): StagingError {
    return this.error(
      `${program} ${args[0] ?? ""} failed (exit ${result.exitCode})`,
      result.stderr.trim().slice(-500),
    );
  }

  private error(headline: string, detail: string): StagingError {
    return new StagingError(headline, {
      code: "E_MULTIPASS",
      exitCode: ExitCode.nodeFailed,
      facts: { vm: this.options.name, lifecycle: "multipass", detail: detail || undefined },
      hint: "check `multipass list`; with E2E_VM_LIFECYCLE=external staging uses an existing VM instead",
    });
  }
}
