/** Options of a `DockerCli`. */
export interface DockerCliOptions {
  /** The docker client on the target. @default "docker" */
  binary?: string;
  /**
   * Build with BuildKit (needs the buildx plugin on the target). Debian's docker.io has no buildx,
   * so the default is the legacy builder (`DOCKER_BUILDKIT=0`).
   * @default false
   */
  buildkit?: boolean;
  /** Extra environment of every docker command, e.g. `DOCKER_HOST`. */
  env?: Record<string, string>;
}

export interface BuildOptions {
  /** The build context: a directory on the target. */
  contextDir: string;
  /** The Dockerfile on the target (absolute, or relative to the command's cwd). */
  dockerfile: string;
  /** The tag the image gets; its id is read back from it. */
  tag: string;
  buildArgs?: Record<string, string>;
  /** e.g. `linux/amd64`. */
  platform?: string;
  /** The node's log (a local file): the whole build output is appended to it. */
  logFile: string;
  signal?: AbortSignal;
  /** Network of the build's RUN steps. The daemon runs without a bridge. @default "host" */
  network?: "host" | "none" | "default";
  /** Image labels. */
  labels?: Record<string, string>;
  /** @default 1800000 (30 min) */
  timeoutMs?: number;
  /** Live output. */
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
}

export interface ContainerRunOptions {
  /** Container name (docker name rules). */
  name: string;
  image: string;
  env?: Record<string, string>;
  /** `--cpuset-cpus`, e.g. `0-1`. */
  cpusetCpus?: string;
  labels?: Record<string, string>;
  /** Command and arguments after the image; the image's CMD when absent. */
  command?: readonly string[];
  /** `--memory`, e.g. `512m`. */
  memory?: string;
}

export interface ContainerState {
  /** Full container id. */
  id: string;
  name: string;
  running: boolean;
  /** `created`, `running`, `exited`, ... */
  status: string;
  /** Exit code of the last run (0 while running). */
  exitCode: number;
  /** Host pid of the main process; 0 when not running. */
  pid: number;
  /** The image id the container runs. */
  image: string;
}

export interface ContainerSummary extends ContainerState {
  labels: Record<string, string>;
}

/** A container's peak memory, or why it cannot be read. */
export type MemoryPeak =
  { bytes: number; source: string; reason?: undefined } | { bytes: null; reason: string; source?: undefined };
