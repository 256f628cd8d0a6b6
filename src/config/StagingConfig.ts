/** How one platform mode of the service is built and run. Filled in by the images and deploy tasks. */
export interface ModeConfig {
  /** Build recipe: a command that writes an artifact folder, or a Dockerfile. */
  build?: Record<string, unknown>;
  /** Deploy recipe: how the built mode is started and reached. */
  deploy?: Record<string, unknown>;
}

/** A place where commands run: this machine, or a machine reached only over SSH. */
export interface TargetConfig {
  /** `local` or an `ssh://user@host:port` URL (a `~/.ssh/config` alias works as host). */
  url: string;
  /** Private key file for SSH. @default ssh-agent, then ~/.ssh/config's IdentityFile */
  identity?: string;
  /** known_hosts file host keys are verified against. @default ~/.ssh/known_hosts */
  knownHosts?: string;
  /** Who owns the machine's life: `external` (it exists) or `multipass`. @default "external" */
  lifecycle?: "external" | "multipass";
  /** Where version roots live on the target. @default ~/staging-project */
  projectDir?: string;
}

/** The workspace configuration in `staging.config.ts`. Every field is optional. */
export interface StagingConfig {
  /** The workspace folder, relative to the config file. @default "." */
  workspace?: string;
  /** Modes every benchmark of this workspace must include. @default the keys of `modes`, else ["jvm", "native"] */
  requiredModes?: string[];
  /** Platform modes and their recipes. */
  modes?: Record<string, ModeConfig>;
  /** Named targets. @default { local: { url: "local" } } */
  targets?: Record<string, TargetConfig>;
  /** The target campaigns run on. @default "local" */
  target?: string;
  /** The benchmark file, relative to the workspace. @default "benchmark/benchmark.yaml" */
  benchmark?: string;
  /** Nodes working at once in `make`. @default 4 */
  concurrency?: number;
  /** Resource pool limits, e.g. one load test per target. @default {} (each pool takes 1) */
  pools?: Record<string, number>;
}

/** The configuration with every default filled in and paths made absolute. */
export interface ResolvedConfig {
  /** The config file, or undefined when the defaults are used. */
  configFile: string | undefined;
  workspace: string;
  requiredModes: string[];
  modes: Record<string, ModeConfig>;
  targets: Record<string, TargetConfig>;
  target: string;
  benchmarkPath: string;
  concurrency: number;
  pools: Record<string, number>;
}
