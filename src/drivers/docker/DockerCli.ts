import type { Target } from "../../targets/Target.js";
import { startTether, type Tether } from "../../targets/Tether.js";
import { buildImage } from "./build.js";
import { DockerExec, isNotFound } from "./exec.js";
import { readMemoryPeak } from "./memoryPeak.js";
import {
  assertContainerName,
  assertContainerRef,
  assertCpuset,
  assertEnvName,
  assertImageRef,
  assertMemory,
  labelArgs,
} from "./names.js";
import type {
  BuildOptions,
  ContainerRunOptions,
  ContainerState,
  ContainerSummary,
  DockerCliOptions,
  MemoryPeak,
} from "./types.js";

/** What `docker inspect` prints for a container, in the fields we read. */
interface InspectedContainer {
  Id: string;
  Name: string;
  Image: string;
  State: { Status: string; Running: boolean; ExitCode: number; Pid: number };
  Config: { Labels: Record<string, string> | null };
}

function toState(raw: InspectedContainer): ContainerState {
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ""),
    image: raw.Image,
    running: raw.State.Running,
    status: raw.State.Status,
    exitCode: raw.State.ExitCode,
    pid: raw.State.Pid,
  };
}

function toSummary(raw: InspectedContainer): ContainerSummary {
  return { ...toState(raw), labels: raw.Config.Labels ?? {} };
}

/** The arguments of `docker run --detach` on the host network for `options`, names asserted. */
function runArgs(options: ContainerRunOptions): string[] {
  const args = ["run", "--detach", "--name", assertContainerName(options.name), "--network", "host"];
  if (options.cpusetCpus !== undefined) args.push("--cpuset-cpus", assertCpuset(options.cpusetCpus));
  if (options.memory !== undefined) args.push("--memory", assertMemory(options.memory));
  for (const [name, value] of Object.entries(options.env ?? {}))
    args.push("--env", `${assertEnvName(name)}=${value}`);
  args.push(...labelArgs("--label", options.labels ?? {}));
  args.push(assertImageRef(options.image), ...(options.command ?? []));
  return args;
}

/**
 * The docker client on a target, as argument lists. Names and references are asserted against
 * docker's rules before use; a daemon that does not answer is `E_DOCKER_UNAVAILABLE`.
 */
export class DockerCli {
  private readonly exec: DockerExec;

  constructor(target: Target, options: DockerCliOptions = {}) {
    this.exec = new DockerExec(target, options);
  }

  get target(): Target {
    return this.exec.target;
  }

  /** The daemon's version; throws `E_DOCKER_UNAVAILABLE` when it does not answer. */
  async serverVersion(): Promise<string> {
    const result = await this.exec.check(["version", "--format", "{{.Server.Version}}"]);
    return result.stdout.trim();
  }

  /** Builds an image and returns its id; `E_IMAGE_BUILD` with the log tail when the build fails. */
  build(options: BuildOptions): Promise<string> {
    return buildImage(this.exec, options);
  }

  /** The id (`sha256:...`) of an image, or null when there is none by that reference. */
  async imageId(ref: string): Promise<string | null> {
    const args = ["image", "inspect", "--format", "{{.Id}}", assertImageRef(ref)];
    const result = await this.exec.run(args);
    if (isNotFound(result)) return null;
    if (result.exitCode !== 0) throw this.exec.failed(args, result);
    return result.stdout.trim() || null;
  }

  /** Gives the image `source` names the tag `target` too. */
  async tag(source: string, target: string): Promise<void> {
    await this.exec.check(["image", "tag", assertImageRef(source), assertImageRef(target)]);
  }

  /** Removes an image (a tag, or an id); false when there was none. */
  async removeImage(ref: string, options: { force?: boolean } = {}): Promise<boolean> {
    const args = ["image", "rm", ...(options.force ? ["--force"] : []), assertImageRef(ref)];
    const result = await this.exec.run(args);
    if (isNotFound(result)) return false;
    if (result.exitCode !== 0) throw this.exec.failed(args, result);
    return true;
  }

  /** Starts a detached container on the host network; returns its id. */
  async run(options: ContainerRunOptions): Promise<string> {
    const result = await this.exec.check(runArgs(options));
    return result.stdout.trim().split("\n").pop() ?? "";
  }

  /**
   * `run`, with the container held to this process by a watchdog on the target (see `Tether`):
   * it is removed when this process ends, even by SIGKILL, unless the tether is released.
   */
  async runTethered(options: ContainerRunOptions): Promise<{ id: string; tether: Tether }> {
    const args = runArgs(options);
    const { binary } = this.exec;
    const remove = [binary, "rm", "--force", assertContainerName(options.name)];
    const tether = startTether(this.exec.target, [binary, ...args], remove, this.exec.environment);
    try {
      const result = this.exec.classify(
        await tether.started.catch((error: unknown) => {
          throw this.exec.notStarted(error);
        }),
      );
      if (result.exitCode !== 0) throw this.exec.failed(args, result);
      return { id: result.stdout.trim().split("\n").pop() ?? "", tether };
    } catch (error) {
      await tether.cut().catch(() => {});
      throw error;
    }
  }

  /** A container's state, or null when there is no such container. */
  async containerState(idOrName: string): Promise<ContainerState | null> {
    const args = ["inspect", "--type", "container", "--format", "{{json .}}", assertContainerRef(idOrName)];
    const result = await this.exec.run(args);
    if (isNotFound(result)) return null;
    if (result.exitCode !== 0) throw this.exec.failed(args, result);
    return toState(JSON.parse(result.stdout) as InspectedContainer);
  }

  /** Removes a container, running or not (`rm -f`); false when there was none. */
  async removeContainer(idOrName: string): Promise<boolean> {
    const args = ["rm", "--force", assertContainerRef(idOrName)];
    const result = await this.exec.run(args);
    // `rm -f` of a missing container exits 0 on newer clients and 1 on older ones.
    if (/no such container/i.test(result.stderr)) return false;
    if (result.exitCode !== 0) throw this.exec.failed(args, result);
    return true;
  }

  /** Every container (running or not) carrying all these labels; `true` matches the key alone. */
  async listContainers(labelFilter: Record<string, string | true>): Promise<ContainerSummary[]> {
    const ps = await this.exec.check([
      "ps",
      "--all",
      "--no-trunc",
      "--quiet",
      ...labelArgs("--filter", labelFilter),
    ]);
    const ids = ps.stdout
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    if (ids.length === 0) return [];
    const args = ["inspect", "--type", "container", "--format", "{{json .}}", ...ids];
    const result = await this.exec.run(args);
    // A container removed between `ps` and `inspect` is simply gone from the list.
    if (result.exitCode !== 0 && !isNotFound(result)) throw this.exec.failed(args, result);
    return result.stdout
      .split("\n")
      .filter((line) => line.trim().startsWith("{"))
      .map((line) => toSummary(JSON.parse(line) as InspectedContainer))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The last `tail` lines of a container's output, stdout and stderr in arrival order. */
  async logs(idOrName: string, tail = 100): Promise<string> {
    if (!Number.isInteger(tail) || tail < 0)
      throw new RangeError(`logs tail must be a non-negative integer, got ${tail}`);
    const args = ["logs", "--tail", String(tail), assertContainerRef(idOrName)];
    let text = "";
    const result = await this.exec.run(args, { onOutput: (chunk) => void (text += chunk) });
    if (result.exitCode !== 0) throw this.exec.failed(args, result);
    return text || result.stdout + result.stderr;
  }

  /** Peak memory of a running container's cgroup, or null with the reason it cannot be read. */
  memoryPeak(containerId: string): Promise<MemoryPeak> {
    return readMemoryPeak(this.exec, containerId);
  }
}
